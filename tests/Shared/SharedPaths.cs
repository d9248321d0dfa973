using System.Runtime.CompilerServices;

namespace FluxOnnx.TestSupport;

/// <summary>
/// Locates the workplace's shared folder (fixtures, tokenizers, docs), which sits beside the repository
/// checkout as <c>../shared</c>. Tests read fixtures from there and never copy them into the repo.
/// </summary>
internal static class SharedPaths
{
    /// <summary>The <c>shared</c> folder beside the repository root.</summary>
    public static string Root { get; } = FindShared();

    public static string Fixtures => Path.Combine(Root, "fixtures");
    public static string Models => Path.Combine(Fixtures, "models");
    public static string Cases => Path.Combine(Fixtures, "cases");
    public static string Tokenizers => Path.Combine(Root, "tokenizers");

    public static string Case(string name) => Path.Combine(Cases, name);

    private static string FindShared([CallerFilePath] string thisFile = "")
    {
        // Walk up from the test binary (then from this source file) to the checkout root, which holds
        // FluxOnnx.sln; the shared folder is its sibling.
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(thisFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "FluxOnnx.sln")))
                {
                    var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
                    if (Directory.Exists(Path.Combine(shared, "fixtures")))
                    {
                        return shared;
                    }
                }
            }
        }
        throw new DirectoryNotFoundException(
            "The shared fixtures folder was not found: expected '../shared/fixtures' beside the FluxOnnx checkout.");
    }
}
