using FluxOnnx.Packaging;

namespace FluxOnnx.Tools.Comparison;

/// <summary>Bytes on disk of a package's files as its manifest lists them.</summary>
public static class PackageSizes
{
    /// <summary>
    /// Per component role, in <see cref="ComponentRoles.All"/> order: the graph file, the external data file and any
    /// other manifest file under the role's folder (roles are the package's folder names), each counted once.
    /// </summary>
    public static IReadOnlyDictionary<string, long> PerComponent(ModelPackage package)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var role in ComponentRoles.All.Where(package.Has))
        {
            var component = package.Component(role);
            var files = package.Manifest.Files.Keys
                .Where(f => f.StartsWith(role + "/", StringComparison.Ordinal) || f == component.Path || f == component.Data)
                .Distinct(StringComparer.Ordinal);
            result[role] = files.Sum(f => Length(package, f));
        }
        return result;
    }

    /// <summary>Every file the manifest lists (graphs, data, tokenizers).</summary>
    public static long Total(ModelPackage package) => package.Manifest.Files.Keys.Sum(f => Length(package, f));

    private static long Length(ModelPackage package, string relative) =>
        new FileInfo(Path.Combine(package.Root, relative.Replace('/', Path.DirectorySeparatorChar))).Length;
}
