namespace FluxOnnx.Packaging;

/// <summary>
/// An opened model package folder: its parsed manifest and absolute paths of its parts. Opening checks the
/// format version and that every file the manifest names exists; <see cref="VerifyHashes"/> additionally
/// re-hashes every file (the CLI does this before a run so a tampered package is refused, not run).
/// </summary>
public sealed class ModelPackage
{
    private ModelPackage(string root, PackageManifest manifest)
    {
        Root = root;
        Manifest = manifest;
    }

    /// <summary>Absolute path of the package folder.</summary>
    public string Root { get; }

    public PackageManifest Manifest { get; }

    /// <summary>Opens and validates the package at <paramref name="folder"/>.</summary>
    /// <exception cref="PackageException">The folder or manifest is missing or invalid, or a listed file is missing.</exception>
    public static ModelPackage Open(string folder)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new PackageException(root, "no such package folder");
        }
        var manifestPath = Path.Combine(root, PackageManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            throw new PackageException(root, $"not a FluxOnnx package: {PackageManifest.FileName} is missing");
        }
        var manifest = PackageManifestJson.Parse(File.ReadAllText(manifestPath), manifestPath);
        if (manifest.FormatVersion != PackageManifest.CurrentFormatVersion)
        {
            throw new PackageException(manifestPath,
                $"format_version {manifest.FormatVersion} is not supported (this build reads {PackageManifest.CurrentFormatVersion})");
        }
        foreach (var relative in manifest.Files.Keys)
        {
            var full = Resolve(root, relative, manifestPath);
            if (!File.Exists(full))
            {
                throw new PackageException(full, "listed in the manifest but missing from the package");
            }
        }
        foreach (var (role, component) in manifest.Components)
        {
            if (!manifest.Files.ContainsKey(component.Path))
            {
                throw new PackageException(manifestPath, $"component '{role}' names {component.Path}, which the manifest's file list lacks");
            }
        }
        return new ModelPackage(root, manifest);
    }

    /// <summary>Whether the package holds the given component (see <see cref="ComponentRoles"/>).</summary>
    public bool Has(string role) => Manifest.Components.ContainsKey(role);

    /// <summary>The manifest entry of a component.</summary>
    /// <exception cref="PackageException">The package has no such component.</exception>
    public ComponentManifest Component(string role) =>
        Manifest.Components.TryGetValue(role, out var c)
            ? c
            : throw new PackageException(Root, $"the package has no '{role}' component (it has: {string.Join(", ", Manifest.Components.Keys)})");

    /// <summary>Absolute path of a component's graph file.</summary>
    public string GraphPath(string role) => Resolve(Root, Component(role).Path, Root);

    /// <summary>Absolute path of a tokenizer folder by kind (clip or t5).</summary>
    public string TokenizerPath(string kind) =>
        Manifest.Tokenizers.TryGetValue(kind, out var rel)
            ? Resolve(Root, rel, Root)
            : throw new PackageException(Root, $"the package has no '{kind}' tokenizer");

    /// <summary>Re-hashes every file listed in the manifest and throws on the first mismatch.</summary>
    /// <exception cref="PackageHashMismatchException">A file's content changed since conversion.</exception>
    public void VerifyHashes(CancellationToken cancellationToken = default)
    {
        foreach (var (relative, expected) in Manifest.Files)
        {
            var full = Resolve(Root, relative, Root);
            var actual = FileHashing.Sha256Hex(full, cancellationToken);
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            {
                throw new PackageHashMismatchException(full, expected, actual);
            }
        }
    }

    private static string Resolve(string root, string relative, string where)
    {
        var full = Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new PackageException(where, $"path '{relative}' points outside the package");
        }
        return full;
    }
}
