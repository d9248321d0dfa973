namespace FluxOnnx.Imaging;

/// <summary>
/// An image header declares more pixels than the decoder's limit (<see cref="ImageDecoderOptions.MaxPixels"/>).
/// Thrown right after the header is read: no pixel buffer has been allocated and nothing has been inflated or
/// decoded.
/// </summary>
public sealed class ImageTooLargeException : ImageFormatException
{
    public ImageTooLargeException(long width, long height, long limit, ImageFileFormat? format = null, string? filePath = null)
        : base(ImageError.TooLarge, $"{width} x {height} = {width * height} pixels exceeds the limit of {limit} pixels", format, filePath)
    {
        Width = width;
        Height = height;
        Limit = limit;
    }

    /// <summary>Declared width in pixels.</summary>
    public long Width { get; }

    /// <summary>Declared height in pixels.</summary>
    public long Height { get; }

    /// <summary>The pixel limit that was exceeded.</summary>
    public long Limit { get; }

    internal override ImageFormatException WithFilePath(string filePath) => new ImageTooLargeException(Width, Height, Limit, Format, filePath);
}
