namespace FluxOnnx.Imaging;

/// <summary>
/// A PNG could not be decoded (or a value could not be encoded into one). Carries the file path (null when the
/// bytes did not come from a file), the typed <see cref="Error"/> and a human-readable <see cref="Detail"/>.
/// The message is one line: <c>"PNG 'path': CrcMismatch: chunk IDAT stored CRC 0x… but computed 0x…"</c>.
/// </summary>
public class PngFormatException : Exception
{
    public PngFormatException(PngError error, string detail, string? filePath = null, Exception? inner = null)
        : base(FormatMessage(error, detail, filePath), inner)
    {
        Error = error;
        Detail = detail;
        FilePath = filePath;
    }

    /// <summary>The kind of defect.</summary>
    public PngError Error { get; }

    /// <summary>What exactly was wrong, with the numbers involved.</summary>
    public string Detail { get; }

    /// <summary>The file the bytes came from, or null for in-memory data.</summary>
    public string? FilePath { get; }

    /// <summary>Returns a copy of this exception that names <paramref name="filePath"/>.</summary>
    internal virtual PngFormatException WithFilePath(string filePath) =>
        new(Error, Detail, filePath, InnerException);

    private static string FormatMessage(PngError error, string detail, string? filePath) =>
        filePath is null ? $"PNG: {error}: {detail}" : $"PNG '{filePath}': {error}: {detail}";
}
