namespace FluxOnnx.Ort;

/// <summary>No file exists at the path the ORT native library was to be loaded from.</summary>
public sealed class OrtLibraryNotFoundException : Exception
{
    public OrtLibraryNotFoundException(string path)
        : base($"The ONNX Runtime native library was not found at '{path}'.")
    {
        LibraryPath = path;
    }

    /// <summary>The full path that was tried.</summary>
    public string LibraryPath { get; }
}
