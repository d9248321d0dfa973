namespace FluxOnnx.Ort;

/// <summary>
/// The ORT library loaded but returned no function table for the requested C API version: it is older than
/// the binding needs.
/// </summary>
public sealed class OrtApiVersionException : Exception
{
    public OrtApiVersionException(string path, uint requestedApiVersion, string libraryVersion)
        : base($"The ONNX Runtime library at '{path}' (version {libraryVersion}) does not provide C API version " +
               $"{requestedApiVersion}; use ONNX Runtime 1.{requestedApiVersion} or newer.")
    {
        LibraryPath = path;
        RequestedApiVersion = requestedApiVersion;
        LibraryVersion = libraryVersion;
    }

    public string LibraryPath { get; }

    public uint RequestedApiVersion { get; }

    /// <summary>The library's own version string, from <c>OrtApiBase.GetVersionString</c>.</summary>
    public string LibraryVersion { get; }
}
