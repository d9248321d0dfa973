namespace FluxOnnx.Imaging;

/// <summary>
/// A PNG header declares more pixels than the decoder's limit (<see cref="PngDecoderOptions.MaxPixels"/>).
/// Thrown right after IHDR is read: nothing proportional to the image size has been allocated or inflated.
/// </summary>
public sealed class ImageTooLargeException : PngFormatException
{
    public ImageTooLargeException(long width, long height, long limit, string? filePath = null)
        : base(PngError.TooLarge, $"{width} x {height} = {width * height} pixels exceeds the limit of {limit} pixels", filePath)
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

    internal override PngFormatException WithFilePath(string filePath) => new ImageTooLargeException(Width, Height, Limit, filePath);
}
