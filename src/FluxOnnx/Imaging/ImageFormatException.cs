namespace FluxOnnx.Imaging;

/// <summary>
/// The base of every image decoding error: an image (or a PNG's text chunks) could not be read. Carries the typed
/// <see cref="Error"/>, a human-readable <see cref="Detail"/> with the numbers involved, the container
/// <see cref="Format"/> when the bytes were recognized, and the file path (null when the bytes did not come from a
/// file). The message is one line: <c>"JPEG 'in.jpg': Truncated: the data ends before the image is complete (…)"</c>.
/// </summary>
public class ImageFormatException : FluxOnnxException
{
    public ImageFormatException(ImageError error, string detail, ImageFileFormat? format = null, string? filePath = null, Exception? inner = null)
        : base(FormatMessage(error, detail, format, filePath), inner)
    {
        Error = error;
        Detail = detail;
        Format = format;
        FilePath = filePath;
    }

    /// <summary>The kind of defect.</summary>
    public ImageError Error { get; }

    /// <summary>What exactly was wrong, with the numbers involved.</summary>
    public string Detail { get; }

    /// <summary>The recognized container format, or null when the bytes are of no format FluxOnnx reads.</summary>
    public ImageFileFormat? Format { get; }

    /// <summary>The file the bytes came from, or null for in-memory data.</summary>
    public string? FilePath { get; }

    /// <summary>Returns a copy of this exception that names <paramref name="filePath"/>.</summary>
    internal virtual ImageFormatException WithFilePath(string filePath) =>
        new(Error, Detail, Format, filePath, InnerException);

    private static string FormatMessage(ImageError error, string detail, ImageFileFormat? format, string? filePath)
    {
        string what = format switch
        {
            ImageFileFormat.Png => "PNG",
            ImageFileFormat.Jpeg => "JPEG",
            ImageFileFormat.Webp => "WebP",
            _ => "image",
        };
        return filePath is null ? $"{what}: {error}: {detail}" : $"{what} '{filePath}': {error}: {detail}";
    }
}
