namespace FluxOnnx.Imaging;

/// <summary>Limits the decoder enforces before it allocates anything proportional to the image.</summary>
public sealed record PngDecoderOptions
{
    /// <summary>
    /// Default pixel limit: 2^26 = 67,108,864 pixels (8192 × 8192). FLUX works at about 1–2 megapixels, so this
    /// leaves ample room while keeping the largest decode (16-bit RGBA scanlines, 8 bytes a pixel) at 512 MiB.
    /// </summary>
    public const long DefaultMaxPixels = 1L << 26;

    /// <summary>Shared default instance.</summary>
    public static PngDecoderOptions Default { get; } = new();

    /// <summary>
    /// Width × height above this is refused with <see cref="ImageTooLargeException"/> right after IHDR, before any
    /// image data is read or inflated. Independently, an image whose buffers would not fit in a .NET array is refused.
    /// </summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    /// <summary>Largest inflated size of one zTXt or compressed iTXt chunk, in bytes (default 1 MiB).</summary>
    public int MaxTextBytes { get; init; } = 1 << 20;
}
