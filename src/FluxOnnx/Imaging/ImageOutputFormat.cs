namespace FluxOnnx.Imaging;

/// <summary>
/// The file format an image is written in, with the quality of the lossy ones. Immutable; the constructor checks
/// the values, so every instance is valid.
/// </summary>
public sealed record ImageOutputFormat
{
    /// <summary>Quality when none is given: 95, high enough that JPEG/WebP artefacts are rarely visible.</summary>
    public const int DefaultQuality = 95;

    /// <summary>PNG (lossless; <see cref="Quality"/> does not apply).</summary>
    public static ImageOutputFormat Png { get; } = new(ImageFileFormat.Png);

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value, or
    /// <paramref name="quality"/> is outside 1..100.</exception>
    public ImageOutputFormat(ImageFileFormat format, int quality = DefaultQuality)
    {
        if (!Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "format must be Png, Jpeg or Webp");
        }
        if (quality is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(quality), quality, $"quality must be 1..100, got {quality}");
        }
        Format = format;
        Quality = quality;
    }

    public ImageFileFormat Format { get; }

    /// <summary>JPEG quality (libjpeg's 1..100 scale) or WebP lossy quality (libwebp's, likewise 1..100); PNG ignores it.</summary>
    public int Quality { get; }

    /// <summary>The file extension FluxOnnx gives this format: <c>.png</c>, <c>.jpg</c> or <c>.webp</c>.</summary>
    public string Extension => Format switch
    {
        ImageFileFormat.Png => ".png",
        ImageFileFormat.Jpeg => ".jpg",
        _ => ".webp",
    };
}
