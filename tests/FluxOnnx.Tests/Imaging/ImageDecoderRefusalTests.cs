using System.Buffers.Binary;
using Xunit;
using Xunit.Abstractions;
using FluxOnnx.Imaging;
using static FluxOnnx.Tests.Imaging.HandmadePng;

namespace FluxOnnx.Tests.Imaging;

/// <summary>
/// Inputs the decoder must refuse with one typed <see cref="ImageFormatException"/>: bombs by their header, truncated
/// and corrupt PNG / JPEG / WebP, bytes of no accepted format. The broken files are made here from small images
/// SkiaSharp encodes (or PNG chunks written by hand), then cut or patched.
/// </summary>
public sealed class ImageDecoderRefusalTests(ITestOutputHelper output) : IDisposable
{
    private static readonly byte[] Valid = Simple(2, 2, 8, 0, [0, 1, 2, 0, 3, 4]);

    private readonly string _dir = Directory.CreateTempSubdirectory("fluxonnx-refuse-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ImageFormatException Refuse(byte[] bytes) => Assert.ThrowsAny<ImageFormatException>(() => ImageDecoder.Decode(bytes));

    /// <summary>Writes <paramref name="bytes"/> to a file of this test and decodes it, expecting <typeparamref name="T"/>.</summary>
    private T RefuseFile<T>(string name, byte[] bytes)
        where T : ImageFormatException
    {
        string path = Path.Combine(_dir, name);
        System.IO.File.WriteAllBytes(path, bytes);
        var e = Assert.ThrowsAny<T>(() => ImageDecoder.DecodeFile(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains($"'{path}'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        output.WriteLine(e.Message);
        return e;
    }

    /// <summary>64 x 48 RGB, smooth in x and y with a noisy blue channel.</summary>
    private static PixelImage Sample()
    {
        var image = new PixelImage(64, 48, 3);
        var random = new Random(3);
        for (int i = 0; i < 64 * 48; i++)
        {
            image.Pixels[3 * i] = (byte)(i % 64 * 4);
            image.Pixels[(3 * i) + 1] = (byte)(i / 64 * 5);
            image.Pixels[(3 * i) + 2] = (byte)random.Next(256);
        }
        return image;
    }

    [Fact]
    public void TheValidBaselineDecodes()
    {
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, ImageDecoder.Decode(Valid).Pixels);
    }

    [Fact]
    public void A_20000_by_20000_png_is_refused_by_its_header_before_its_pixels_are_allocated()
    {
        // IHDR of 4 · 10^8 pixels and a tiny IDAT: decoding would need a 1.2 GB RGB buffer. Refused before any is
        // allocated: reading the file and building the exception take about 0.1 MB (97 568 bytes measured), so the
        // bound of 1 MiB is a thousandth of the buffer a decode would need.
        byte[] bomb = File(Ihdr(20_000, 20_000, 8, 2), Idat([0, 0, 0, 0]), Iend());
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = RefuseFile<ImageTooLargeException>("bomb.png", bomb);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal((20_000L, 20_000L, ImageDecoderOptions.DefaultMaxPixels, ImageFileFormat.Png, ImageError.TooLarge),
            (e.Width, e.Height, e.Limit, e.Format, e.Error));
        Assert.Contains("20000 x 20000 = 400000000 pixels exceeds the limit of 67108864 pixels", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("PNG '", e.Message, StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 1 << 20);
        output.WriteLine($"refused after allocating {allocated} bytes");
    }

    [Fact]
    public void A_webp_bomb_is_refused_by_its_header()
    {
        // A lossless 64 x 48 WebP whose VP8L header (after the 0x2F signature byte: 14 bits width − 1, 14 bits
        // height − 1) is patched to the largest size it can declare, 16384 x 16384.
        byte[] webp = WebpEncoder.EncodeLossless(Sample());
        Assert.Equal("VP8L", System.Text.Encoding.ASCII.GetString(webp, 12, 4));
        Assert.Equal(0x2F, webp[20]);
        uint bits = BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(21));
        Assert.Equal((64u, 48u), ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1));
        BinaryPrimitives.WriteUInt32LittleEndian(webp.AsSpan(21), bits | 0x0FFF_FFFF);

        var e = RefuseFile<ImageTooLargeException>("bomb.webp", webp);
        Assert.Equal((16_384L, 16_384L, ImageDecoderOptions.DefaultMaxPixels, ImageFileFormat.Webp), (e.Width, e.Height, e.Limit, e.Format));
        Assert.Contains("16384 x 16384 = 268435456 pixels exceeds the limit of 67108864 pixels", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("WebP '", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_jpeg_bomb_is_refused_by_its_header()
    {
        // SOF0 of a 64 x 48 JPEG (FF C0, length, precision, height, width) patched to 60000 x 60000.
        byte[] jpeg = JpegEncoder.Encode(Sample(), 90);
        int sof = Enumerable.Range(2, jpeg.Length - 3).First(i => jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0);
        Assert.Equal((48, 64), (BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(sof + 5)), BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(sof + 7))));
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 5), 60_000);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 7), 60_000);

        var e = RefuseFile<ImageTooLargeException>("bomb.jpg", jpeg);
        Assert.Equal((60_000L, 60_000L, ImageFileFormat.Jpeg), (e.Width, e.Height, e.Format));
        Assert.Contains("60000 x 60000 = 3600000000 pixels exceeds the limit of 67108864 pixels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_jpeg_is_refused_naming_the_file()
    {
        // Cut in the middle of the entropy-coded scan: the header reads, the pixels do not all arrive.
        byte[] jpeg = JpegEncoder.Encode(Sample(), 90);
        var e = RefuseFile<ImageFormatException>("cut.jpg", jpeg[..(jpeg.Length / 2)]);
        Assert.Equal((ImageError.Truncated, ImageFileFormat.Jpeg), (e.Error, e.Format));
        Assert.Equal($"JPEG '{e.FilePath}': Truncated: the data ends before the 64 x 48 image is complete (codec result IncompleteInput)", e.Message);

        // Cut inside the header (before SOS): the codec cannot even read the size.
        var early = RefuseFile<ImageFormatException>("cut-early.jpg", jpeg[..100]);
        Assert.Equal((ImageError.Truncated, ImageFileFormat.Jpeg), (early.Error, early.Format));
    }

    [Fact]
    public void A_corrupt_webp_is_refused_naming_the_file()
    {
        // A lossless bitstream with every 7th byte after its header flipped: the VP8L decoder detects it.
        byte[] webp = WebpEncoder.EncodeLossless(Sample());
        for (int i = 40; i < webp.Length; i += 7)
        {
            webp[i] ^= 0x5A;
        }
        var e = RefuseFile<ImageFormatException>("corrupt.webp", webp);
        Assert.Equal((ImageError.Corrupt, ImageFileFormat.Webp), (e.Error, e.Format));
        Assert.Contains("64 x 48", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_webp_is_refused()
    {
        byte[] webp = WebpEncoder.EncodeLossless(Sample());
        var e = RefuseFile<ImageFormatException>("cut.webp", webp[..(webp.Length / 2)]);
        Assert.Equal((ImageError.Truncated, ImageFileFormat.Webp), (e.Error, e.Format));
    }

    [Fact]
    public void A_file_that_is_no_image_is_refused_as_unknown_format()
    {
        var e = RefuseFile<ImageFormatException>("notes.png", "hello, this is text"u8.ToArray());
        Assert.Equal((ImageError.UnknownFormat, (ImageFileFormat?)null), (e.Error, e.Format));
        Assert.Equal($"image '{e.FilePath}': UnknownFormat: the data is not a PNG, JPEG or WebP image (it starts with 68656C6C6F2C2074)", e.Message);

        var empty = RefuseFile<ImageFormatException>("empty.jpg", []);
        Assert.Equal(ImageError.UnknownFormat, empty.Error);
        Assert.Contains("the data is empty", empty.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gif_is_refused_although_the_codec_reads_it()
    {
        // The well-known 1 x 1 transparent GIF89a.
        byte[] gif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
        var e = RefuseFile<ImageFormatException>("pixel.gif", gif);
        Assert.Equal(ImageError.UnknownFormat, e.Error);
        Assert.Contains("Gif", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void BadPngSignatureIsAnUnknownFormat()
    {
        byte[] bytes = (byte[])Valid.Clone();
        bytes[1] = (byte)'Q';
        Assert.Equal(ImageError.UnknownFormat, Refuse(bytes).Error);
        Assert.Equal(ImageError.UnknownFormat, Refuse([0x89, 0x50]).Error);
    }

    [Fact]
    public void ImageDataCrcMismatchIsCorrupt()
    {
        byte[] bytes = (byte[])Valid.Clone();
        bytes[^13] ^= 0xFF; // last byte of IDAT's CRC
        var e = Refuse(bytes);
        Assert.Equal((ImageError.Corrupt, ImageFileFormat.Png), (e.Error, e.Format));
    }

    [Fact]
    public void AnUnreadableHeaderIsReportedAsTruncated()
    {
        // The codec reports a header it cannot parse like one that ends early (see ImageError.Truncated).
        byte[] crc = (byte[])Valid.Clone();
        crc[8 + 8 + 3] ^= 0x01; // a byte of IHDR's width field
        Assert.Equal((ImageError.Truncated, ImageFileFormat.Png), (Refuse(crc).Error, Refuse(crc).Format));
        Assert.Equal(ImageError.Truncated, Refuse(File(Ihdr(0, 5, 8, 0), Idat([0]), Iend())).Error);
        Assert.Equal(ImageError.Truncated, Refuse(File(Ihdr(1, 1, 4, 2), Idat([0, 0]), Iend())).Error);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(40)]
    public void TruncatedPng(int keep)
    {
        Assert.Equal(ImageError.Truncated, Refuse(Valid[..keep]).Error);
    }

    [Fact]
    public void AHeaderWithoutImageDataIsTruncatedEvenWhenHuge()
    {
        // The codec needs the first IDAT before it reports the header, so a lone IHDR never reaches the size check;
        // it is refused all the same, before any allocation.
        var e = Refuse(File(Ihdr(70_000, 70_000, 8, 2), Iend()));
        Assert.Equal((ImageError.Truncated, ImageFileFormat.Png), (e.Error, e.Format));
    }

    [Fact]
    public void HugeDimensionsAreRefusedBeforeAnyImageData()
    {
        // 100000 x 100000 = 10^10 pixels; the IDAT is garbage that would fail to inflate, proving it was never read.
        byte[] bytes = File(Ihdr(100_000, 100_000, 8, 6), Chunk("IDAT", [1, 2, 3]), Iend());
        var e = Assert.Throws<ImageTooLargeException>(() => ImageDecoder.Decode(bytes));
        Assert.Equal((100_000L, 100_000L, ImageDecoderOptions.DefaultMaxPixels), (e.Width, e.Height, e.Limit));
        Assert.Equal(ImageError.TooLarge, e.Error);
    }

    [Fact]
    public void PixelLimitIsConfigurable()
    {
        var e = Assert.Throws<ImageTooLargeException>(() => ImageDecoder.Decode(Valid, new ImageDecoderOptions { MaxPixels = 3 }));
        Assert.Equal((2L, 2L, 3L), (e.Width, e.Height, e.Limit));
        Assert.Equal(4, ImageDecoder.Decode(Valid, new ImageDecoderOptions { MaxPixels = 4 }).Pixels.Length);
    }

    [Fact]
    public void TooLittleImageDataIsTruncated()
    {
        Assert.Equal(ImageError.Truncated, Refuse(Simple(2, 2, 8, 0, [0, 1, 2, 0, 3])).Error);
        Assert.Equal(ImageError.Truncated, Refuse(File(Ihdr(2, 2, 8, 0), Chunk("IDAT", [0x78, 0x9C, 0xFF, 0xFF, 0xFF, 0xFF]), Iend())).Error);
    }

    [Fact]
    public void FilterTypeFiveIsCorrupt()
    {
        Assert.Equal(ImageError.Corrupt, Refuse(Simple(2, 2, 8, 0, [0, 1, 2, 5, 3, 4])).Error);
    }

    [Fact]
    public void PaletteImageWithoutPlteIsCorrupt()
    {
        Assert.Equal(ImageError.Corrupt, Refuse(Simple(1, 1, 8, 3, [0, 0])).Error);
    }

    [Fact]
    public void A_stream_is_read_but_left_open_and_may_start_past_zero()
    {
        using var stream = new MemoryStream([0xAB, .. Valid]);
        stream.Position = 1;
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, ImageDecoder.Decode(stream).Pixels);
        stream.Position = 0;
        Assert.Equal(0xAB, stream.ReadByte());
    }
}
