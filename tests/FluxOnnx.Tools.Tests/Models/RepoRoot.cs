using System.Runtime.CompilerServices;

namespace FluxOnnx.Tools.Tests.Models;

/// <summary>The checkout root (the folder holding FluxOnnx.sln), found from the test binary or this source file.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    public static string LockFile => System.IO.Path.Combine(Path, "models.lock.json");

    private static string Find([CallerFilePath] string thisFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, System.IO.Path.GetDirectoryName(thisFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "FluxOnnx.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new DirectoryNotFoundException("The FluxOnnx checkout root (holding FluxOnnx.sln) was not found.");
    }
}
