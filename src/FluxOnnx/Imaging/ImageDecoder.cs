using SkiaSharp;

namespace FluxOnnx.Imaging;

/// <summary>
/// Decodes PNG, JPEG and WebP (first frame) through SkiaSharp into 8-bit <see cref="PixelImage"/>s laid out as
/// numpy's <c>np.array(pil_image)</c>, so that <see cref="PixelImage.ToRgb"/> / <see cref="PixelImage.ToGray"/> then
/// give what PIL's <c>convert("RGB")</c> / <c>convert("L")</c> give.
/// </summary>
/// <remarks>
/// <para>Output channels: 1 for a gray source without alpha (PNG gray, gray JPEG); 3 for an opaque colour source
/// (PNG RGB or palette without tRNS, colour JPEG, WebP without alpha); 4 otherwise (PNG with an alpha channel or
/// tRNS, gray + alpha expanded to R = G = B, WebP with alpha). Alpha is straight: the codec decodes to
/// <see cref="SKAlphaType.Unpremul"/>, so RGB under alpha 0 keeps its stored value. No colour management: gAMA,
/// cHRM, sRGB, iCCP and ICC profiles are ignored, as PIL ignores them. PNG samples of 16 bits keep their high byte
/// (what Pillow does for RGB/RGBA); 1, 2 and 4-bit gray scale by 255 / (2^depth − 1). EXIF orientation is not
/// applied (PIL's <c>open</c> does not either). Checked against Pillow 9.4: baseline and progressive JPEGs at 4:2:0,
/// 4:2:2 and 4:4:4, gray and (Pillow-written) CMYK JPEGs, lossy and lossless WebP with and without alpha, palette,
/// LA and RGBA PNGs decode to identical <c>convert("RGB")</c> and <c>convert("L")</c> pixels. The one known
/// difference: Pillow opens 16-bit gray PNG as mode I and clips it to 0..255 on <c>convert("L")</c>; here, as in
/// FluxOnnx's former decoder, the high byte is kept (SkiaSharp offers no 16-bit gray output to clip from).</para>
/// <para>Safety: the codec reads the header only (<see cref="SKCodec.Create(SKStream, out SKCodecResult)"/>); its
/// width × height is checked against <see cref="ImageDecoderOptions.MaxPixels"/> and refused with
/// <see cref="ImageTooLargeException"/> before the pixel buffer is allocated or any image data is inflated.
/// A stream that ends early, a corrupt bitstream or a bytes-of-no-known-format input raise
/// <see cref="ImageFormatException"/>; decoded-with-a-warning is never returned. From a file the exception carries
/// the path.</para>
/// <para>Leniency of the codec (libpng under Skia), unlike FluxOnnx's former PNG decoder: data after the last
/// scanline, a missing IEND, an unknown critical chunk and a palette index past PLTE's end (drawn as the last
/// entry) are accepted. A lossy VP8 or JPEG bitstream has no checksum, so flipped bits there decode to wrong
/// pixels without an error.</para>
/// </remarks>
public static class ImageDecoder
{
    /// <summary>Decodes the image file at <paramref name="path"/>; errors carry the path.</summary>
    /// <exception cref="ImageFormatException">The file is not a decodable PNG, JPEG or WebP
    /// (<see cref="ImageTooLargeException"/> when its header declares too many pixels).</exception>
    public static PixelImage DecodeFile(string path, ImageDecoderOptions? options = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        try
        {
            return Decode(stream, options);
        }
        catch (ImageFormatException e) when (e.FilePath is null)
        {
            throw e.WithFilePath(path);
        }
    }

    /// <summary>Decodes an image held in memory.</summary>
    public static PixelImage Decode(ReadOnlySpan<byte> bytes, ImageDecoderOptions? options = null)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        return Decode(stream, options);
    }

    /// <summary>
    /// Decodes an image from <paramref name="stream"/>, read as far as the codec needs. A non-seekable stream, or one
    /// not at position 0, is first copied from its current position into memory. The stream is not disposed.
    /// </summary>
    public static PixelImage Decode(Stream stream, ImageDecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= ImageDecoderOptions.Default;
        if (!stream.CanSeek || stream.Position != 0)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }
        var sniffed = Sniff(stream);

        // The codec takes over the native stream; the managed wrapper only forwards reads to `stream`.
        using var skStream = new SKManagedStream(stream, disposeManagedStream: false);
        using var codec = SKCodec.Create(skStream, out var created) ?? throw HeaderFailure(created, sniffed, stream);
        var format = codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Png => ImageFileFormat.Png,
            SKEncodedImageFormat.Jpeg => ImageFileFormat.Jpeg,
            SKEncodedImageFormat.Webp => ImageFileFormat.Webp,
            var other => throw new ImageFormatException(ImageError.UnknownFormat,
                $"the data is a {other} image; FluxOnnx reads PNG, JPEG and WebP only"),
        };

        var info = codec.Info;
        long pixels = (long)info.Width * info.Height;
        if (pixels > options.MaxPixels)
        {
            throw new ImageTooLargeException(info.Width, info.Height, options.MaxPixels, format);
        }
        if (pixels * 4 > Array.MaxLength)
        {
            throw new ImageTooLargeException(info.Width, info.Height, Array.MaxLength / 4, format);
        }

        bool gray = info.ColorType == SKColorType.Gray8;
        int channels = gray ? 1 : info.AlphaType == SKAlphaType.Opaque ? 3 : 4;
        var target = new SKImageInfo(info.Width, info.Height,
            gray ? SKColorType.Gray8 : SKColorType.Rgba8888, gray ? SKAlphaType.Opaque : SKAlphaType.Unpremul);
        byte[] decoded = GC.AllocateUninitializedArray<byte>(checked((int)(pixels * target.BytesPerPixel)));
        var result = codec.GetPixels(target, decoded);
        if (result != SKCodecResult.Success)
        {
            throw result == SKCodecResult.IncompleteInput
                ? new ImageFormatException(ImageError.Truncated,
                    $"the data ends before the {info.Width} x {info.Height} image is complete (codec result {result})", format)
                : new ImageFormatException(ImageError.Corrupt,
                    $"the codec refused the image data of the {info.Width} x {info.Height} image (codec result {result})", format);
        }
        return channels == 3 ? DropAlpha(info.Width, info.Height, decoded) : new PixelImage(info.Width, info.Height, channels, decoded);
    }

    /// <summary>The format the first bytes announce, or null; the stream is left at position 0.</summary>
    private static ImageFileFormat? Sniff(Stream stream)
    {
        Span<byte> head = stackalloc byte[12];
        int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        head = head[..n];
        if (head.StartsWith(PngChunkReader.Signature))
        {
            return ImageFileFormat.Png;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return ImageFileFormat.Jpeg;
        }
        if (n == 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..].SequenceEqual("WEBP"u8))
        {
            return ImageFileFormat.Webp;
        }
        return null;
    }

    private static ImageFormatException HeaderFailure(SKCodecResult result, ImageFileFormat? sniffed, Stream stream)
    {
        if (sniffed is null || result == SKCodecResult.Unimplemented)
        {
            Span<byte> head = stackalloc byte[8];
            stream.Position = 0;
            int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return new ImageFormatException(ImageError.UnknownFormat, n == 0
                ? "the data is empty, not a PNG, JPEG or WebP image"
                : $"the data is not a PNG, JPEG or WebP image (it starts with {Convert.ToHexString(head[..n])})");
        }
        return result == SKCodecResult.IncompleteInput
            ? new ImageFormatException(ImageError.Truncated, $"the codec could not read the header: the data ends early or the header is invalid (codec result {result})", sniffed)
            : new ImageFormatException(ImageError.Corrupt, $"the codec refused the header (codec result {result})", sniffed);
    }

    /// <summary>RGBA → RGB for an opaque source (the codec fills alpha with 255).</summary>
    private static PixelImage DropAlpha(int width, int height, byte[] rgba)
    {
        int n = width * height;
        var rgb = GC.AllocateUninitializedArray<byte>(n * 3);
        for (int i = 0; i < n; i++)
        {
            rgb[3 * i] = rgba[4 * i];
            rgb[(3 * i) + 1] = rgba[(4 * i) + 1];
            rgb[(3 * i) + 2] = rgba[(4 * i) + 2];
        }
        return new PixelImage(width, height, 3, rgb);
    }
}
