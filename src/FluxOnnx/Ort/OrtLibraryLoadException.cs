namespace FluxOnnx.Ort;

/// <summary>
/// The file at <see cref="LibraryPath"/> exists but could not be used as the ORT native library: the loader
/// refused it (wrong architecture, missing dependency) or it does not export <c>OrtGetApiBase</c>.
/// </summary>
public sealed class OrtLibraryLoadException : Exception
{
    public OrtLibraryLoadException(string path, string detail, Exception? inner = null)
        : base($"The ONNX Runtime native library at '{path}' could not be loaded: {detail}", inner)
    {
        LibraryPath = path;
        Detail = detail;
    }

    public string LibraryPath { get; }

    /// <summary>What went wrong, from the platform loader where it said.</summary>
    public string Detail { get; }
}
