namespace FluxOnnx.Serving;

/// <summary>A package to serve: its folder, and the model name clients use (null: the folder's name).</summary>
public sealed record ServedPackage(string PackageFolder, string? Name = null)
{
    /// <summary><see cref="Name"/>, else the last segment of <see cref="PackageFolder"/>.</summary>
    public string ModelName => Name ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(PackageFolder)));
}
