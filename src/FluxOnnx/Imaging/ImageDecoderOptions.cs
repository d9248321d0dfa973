namespace FluxOnnx.Imaging;

/// <summary>Limits <see cref="ImageDecoder"/> enforces on the header, before it allocates anything proportional to the image.</summary>
public sealed record ImageDecoderOptions
{
    /// <summary>
    /// Default pixel limit: 2^26 = 67,108,864 pixels (8192 × 8192). FLUX works at about 1–2 megapixels, so this
    /// leaves ample room while keeping the decode buffer (RGBA, 4 bytes a pixel) at 256 MiB.
    /// </summary>
    public const long DefaultMaxPixels = 1L << 26;

    /// <summary>Shared default instance.</summary>
    public static ImageDecoderOptions Default { get; } = new();

    /// <summary>
    /// Width × height above this is refused with <see cref="ImageTooLargeException"/> as soon as the codec has read
    /// the header, before any pixel is decoded. Independently, an image whose RGBA buffer would not fit in a .NET
    /// array is refused the same way.
    /// </summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;
}
