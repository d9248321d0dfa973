namespace FluxOnnx.Packaging;

/// <summary>
/// A model package is missing, malformed, of an unknown format version, or has a file whose content no
/// longer matches the hash recorded at conversion time.
/// </summary>
public class PackageException : FluxOnnxException
{
    public PackageException(string path, string problem)
        : base($"{path}: {problem}")
    {
        PackagePath = path;
        Problem = problem;
    }

    /// <summary>The package folder or the file inside it that is at fault.</summary>
    public string PackagePath { get; }

    /// <summary>What is wrong, without the path.</summary>
    public string Problem { get; }
}
