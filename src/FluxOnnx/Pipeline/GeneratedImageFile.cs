using FluxOnnx.Imaging;

namespace FluxOnnx.Pipeline;

/// <summary>
/// Writes a <see cref="GeneratedImage"/> in the format of an <see cref="ImageOutputFormat"/>, carrying its parameters
/// (the JSON of <see cref="GeneratedImagePng.ParametersJson"/>) the way each format allows:
/// <list type="bullet">
/// <item>PNG: the <c>parameters</c> and <c>Software</c> text chunks of <see cref="GeneratedImagePng"/>.</item>
/// <item>JPEG and WebP: EXIF, as AUTOMATIC1111 writes them — the JSON in <c>UserComment</c> (UTF-16, so any prompt
/// survives) and <c>FluxOnnx</c> in <c>Software</c> (<see cref="ExifMetadata"/>). WebP is lossy.</item>
/// </list>
/// </summary>
public static class GeneratedImageFile
{
    /// <summary>The producer written into Software (EXIF) and the Software text chunk (PNG).</summary>
    public const string Software = "FluxOnnx";

    /// <summary>The EXIF tags written into JPEG and WebP output.</summary>
    public static ExifMetadata Exif(GenerationParameters parameters) => new(GeneratedImagePng.ParametersJson(parameters), Software);

    /// <summary>The file bytes of <paramref name="image"/> in <paramref name="format"/> (default PNG).</summary>
    /// <exception cref="ArgumentException">JPEG only: the parameters do not fit the 64 KiB of an EXIF segment.</exception>
    public static byte[] Encode(GeneratedImage image, ImageOutputFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        format ??= ImageOutputFormat.Png;
        return format.Format switch
        {
            ImageFileFormat.Png => GeneratedImagePng.Encode(image),
            ImageFileFormat.Jpeg => JpegEncoder.Encode(image.Image, format.Quality, Exif(image.Parameters)),
            _ => WebpEncoder.Encode(image.Image, format.Quality, Exif(image.Parameters)),
        };
    }

    /// <summary>
    /// Writes <paramref name="image"/> to <paramref name="path"/> in <paramref name="format"/> (default PNG), atomically:
    /// a temporary file in the same folder is flushed and renamed over <paramref name="path"/>; on failure an existing
    /// file is left as it was. The path is used as given: its extension is not checked against the format.
    /// </summary>
    public static void Save(GeneratedImage image, string path, ImageOutputFormat? format = null)
    {
        byte[] bytes = Encode(image, format);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }
}
