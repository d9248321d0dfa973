using System.Buffers.Binary;
using SkiaSharp;

namespace FluxOnnx.Imaging;

/// <summary>
/// Writes baseline JPEGs through SkiaSharp (libjpeg-turbo, 4:2:0 chroma subsampling as libjpeg and PIL default to).
/// Gray images stay single-channel; the alpha of RGBA images is dropped. SkiaSharp writes no EXIF, so an
/// <see cref="ExifMetadata"/> is spliced in as an APP1 <c>"Exif\0\0"</c> segment after SOI and the JFIF APP0
/// segment, where PIL puts it.
/// </summary>
public static class JpegEncoder
{
    /// <summary>An APP1 segment holds at most 65,535 bytes counting its 2-byte length field (JPEG's segment limit).</summary>
    public const int MaxExifBytes = 65535 - 2 - 6;

    /// <summary>The JPEG bytes of <paramref name="image"/> at <paramref name="quality"/> (1..100).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quality"/> is outside 1..100.</exception>
    /// <exception cref="ArgumentException">The EXIF block would exceed <see cref="MaxExifBytes"/> (a prompt of some
    /// 32,000 characters), or EXIF Software is not printable ASCII.</exception>
    public static byte[] Encode(PixelImage image, int quality = ImageOutputFormat.DefaultQuality, ExifMetadata? exif = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        byte[]? tiff = exif?.ToTiff();
        if (tiff is not null && tiff.Length > MaxExifBytes)
        {
            throw new ArgumentException($"the EXIF block is {tiff.Length} bytes; a JPEG APP1 segment holds at most {MaxExifBytes}", nameof(exif));
        }
        var options = new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore);
        byte[] jpeg = SkiaRaster.Encode(image, pixmap => pixmap.Encode(options), "JPEG");
        return tiff is null ? jpeg : InsertExif(jpeg, tiff);
    }

    private static byte[] InsertExif(byte[] jpeg, byte[] tiff)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new InvalidOperationException("SkiaSharp's JPEG encoder did not start its output with SOI");
        }
        int at = 2;
        if (jpeg[2] == 0xFF && jpeg[3] == 0xE0)
        {
            at = 4 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(4));
        }
        var segment = new byte[4 + 6 + tiff.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(2 + 6 + tiff.Length));
        "Exif\0\0"u8.CopyTo(segment.AsSpan(4));
        tiff.CopyTo(segment, 10);
        return [.. jpeg.AsSpan(0, at), .. segment, .. jpeg.AsSpan(at)];
    }
}
