using System.Buffers.Binary;
using SkiaSharp;

namespace FluxOnnx.Imaging;

/// <summary>
/// Writes lossy WebP through SkiaSharp (libwebp). SkiaSharp writes no EXIF, so an <see cref="ExifMetadata"/> is
/// added the way the WebP container specification lays it out: the simple file (RIFF, one VP8 or VP8L chunk)
/// becomes an extended one — a VP8X chunk with the EXIF flag and the canvas size goes first — and an EXIF chunk
/// holding the TIFF structure (no <c>"Exif\0\0"</c> prefix) goes last.
/// </summary>
public static class WebpEncoder
{
    private const byte ExifFlag = 0x08, AlphaFlag = 0x10;

    /// <summary>The WebP bytes of <paramref name="image"/>, lossy at <paramref name="quality"/> (1..100).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quality"/> is outside 1..100.</exception>
    public static byte[] Encode(PixelImage image, int quality = ImageOutputFormat.DefaultQuality, ExifMetadata? exif = null) =>
        Encode(image, SKWebpEncoderCompression.Lossy, quality, exif);

    /// <summary>The lossless WebP bytes of <paramref name="image"/> (decodes to exactly these pixels).</summary>
    public static byte[] EncodeLossless(PixelImage image, ExifMetadata? exif = null) =>
        Encode(image, SKWebpEncoderCompression.Lossless, 100, exif);

    private static byte[] Encode(PixelImage image, SKWebpEncoderCompression compression, int quality, ExifMetadata? exif)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        byte[]? tiff = exif?.ToTiff();
        var options = new SKWebpEncoderOptions(compression, quality);
        byte[] webp = SkiaRaster.Encode(image, pixmap => pixmap.Encode(options), "WebP");
        return tiff is null ? webp : AddExif(webp, tiff, image);
    }

    private static byte[] AddExif(byte[] webp, byte[] tiff, PixelImage image)
    {
        if (webp.Length < 20 || !webp.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !webp.AsSpan(8, 4).SequenceEqual("WEBP"u8))
        {
            throw new InvalidOperationException("SkiaSharp's WebP encoder did not write a RIFF WEBP container");
        }
        var body = new MemoryStream();
        ReadOnlySpan<byte> chunks = webp.AsSpan(12);
        if (chunks[..4].SequenceEqual("VP8X"u8))
        {
            // Already extended (lossy with alpha): raise the EXIF flag in place.
            byte[] copy = chunks.ToArray();
            copy[8] |= ExifFlag;
            body.Write(copy);
        }
        else
        {
            Span<byte> vp8x = stackalloc byte[18];
            "VP8X"u8.CopyTo(vp8x);
            BinaryPrimitives.WriteUInt32LittleEndian(vp8x[4..], 10);
            vp8x[8] = (byte)(ExifFlag | (image.Channels == 4 ? AlphaFlag : 0));
            WriteUInt24(vp8x[12..], image.Width - 1);
            WriteUInt24(vp8x[15..], image.Height - 1);
            body.Write(vp8x);
            body.Write(chunks);
        }
        Span<byte> head = stackalloc byte[8];
        "EXIF"u8.CopyTo(head);
        BinaryPrimitives.WriteUInt32LittleEndian(head[4..], (uint)tiff.Length);
        body.Write(head);
        body.Write(tiff);
        if ((tiff.Length & 1) == 1)
        {
            body.WriteByte(0); // RIFF chunks are padded to an even size
        }
        var result = new byte[12 + body.Length];
        "RIFF"u8.CopyTo(result);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)(result.Length - 8));
        "WEBP"u8.CopyTo(result.AsSpan(8));
        body.GetBuffer().AsSpan(0, (int)body.Length).CopyTo(result.AsSpan(12));
        return result;
    }

    private static void WriteUInt24(Span<byte> span, int value)
    {
        span[0] = (byte)value;
        span[1] = (byte)(value >> 8);
        span[2] = (byte)(value >> 16);
    }
}
