using System.Buffers.Binary;
using FluxOnnx.Imaging;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Tests.Imaging;

/// <summary>JPEG and WebP through <see cref="JpegEncoder"/> / <see cref="WebpEncoder"/> and back through <see cref="ImageDecoder"/>, with their EXIF.</summary>
public sealed class JpegWebpCodecTests(ITestOutputHelper output)
{
    /// <summary>A smooth 96 x 64 image (gradients, no noise) that lossy codecs keep close.</summary>
    private static PixelImage Smooth(int channels)
    {
        var image = new PixelImage(96, 64, channels);
        for (int y = 0; y < 64; y++)
        {
            for (int x = 0; x < 96; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    image.Pixels[(((y * 96) + x) * channels) + c] = (byte)(c switch { 0 => x * 2, 1 => y * 3, 2 => 255 - x - y, _ => 128 + y });
                }
            }
        }
        return image;
    }

    private (double Mean, int Max) Error(PixelImage expected, PixelImage actual, string what)
    {
        Assert.Equal((expected.Width, expected.Height, expected.Channels), (actual.Width, actual.Height, actual.Channels));
        var d = expected.Pixels.Zip(actual.Pixels, (a, b) => Math.Abs(a - b)).ToArray();
        output.WriteLine($"{what}: mean |error| {d.Average():F2}, max {d.Max()}");
        return (d.Average(), d.Max());
    }

    [Fact]
    public void LosslessWebpGivesBackTheExactPixels()
    {
        foreach (int channels in new[] { 3, 4 })
        {
            var image = Smooth(channels);
            image.Pixels[5] = 0; // and one sharp edge
            var decoded = ImageDecoder.Decode(WebpEncoder.EncodeLossless(image));
            Assert.Equal(channels, decoded.Channels);
            Assert.Equal(image.Pixels, decoded.Pixels);
        }
    }

    [Fact]
    public void JpegAndLossyWebpComeBackClose()
    {
        var image = Smooth(3);
        var jpeg = ImageDecoder.Decode(JpegEncoder.Encode(image, 95));
        var (mean, max) = Error(image, jpeg, "jpeg q95");
        Assert.InRange(mean, 0, 1.5);
        Assert.InRange(max, 0, 12);
        var webp = ImageDecoder.Decode(WebpEncoder.Encode(image, 95));
        (mean, max) = Error(image, webp, "webp q95");
        Assert.InRange(mean, 0, 1.5);
        Assert.InRange(max, 0, 12);
        // Lower quality costs more.
        Assert.True(JpegEncoder.Encode(image, 20).Length < JpegEncoder.Encode(image, 95).Length);
    }

    [Fact]
    public void GrayJpegStaysGrayAndRgbaJpegDropsAlpha()
    {
        var gray = Smooth(1);
        Assert.Equal(1, ImageDecoder.Decode(JpegEncoder.Encode(gray)).Channels);
        Assert.Equal(3, ImageDecoder.Decode(JpegEncoder.Encode(Smooth(4))).Channels);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void QualityOutside1To100IsRefused(int quality)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JpegEncoder.Encode(Smooth(3), quality));
        Assert.Throws<ArgumentOutOfRangeException>(() => WebpEncoder.Encode(Smooth(3), quality));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ImageOutputFormat(ImageFileFormat.Jpeg, quality));
        Assert.Equal("quality", e.ParamName);
    }

    [Fact]
    public void OutputFormatsNameTheirExtensions()
    {
        Assert.Equal((ImageFileFormat.Png, 95, ".png"), (ImageOutputFormat.Png.Format, ImageOutputFormat.Png.Quality, ImageOutputFormat.Png.Extension));
        Assert.Equal(".jpg", new ImageOutputFormat(ImageFileFormat.Jpeg).Extension);
        Assert.Equal(".webp", new ImageOutputFormat(ImageFileFormat.Webp, 80).Extension);
    }

    [Fact]
    public void JpegCarriesExifInAnApp1SegmentAfterJfif()
    {
        const string comment = "{\"prompt\":\"一只猫 on a mat\"}";
        byte[] jpeg = JpegEncoder.Encode(Smooth(3), 90, new ExifMetadata(comment, "FluxOnnx"));
        // SOI, then the JFIF APP0 segment, then APP1 "Exif\0\0".
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, jpeg[..4]);
        int app1 = 4 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(4));
        Assert.Equal(new byte[] { 0xFF, 0xE1 }, jpeg[app1..(app1 + 2)]);
        var tiff = ExifProbe.JpegTiff(jpeg)!;
        Assert.Equal("MM"u8.ToArray(), tiff[..2]);
        Assert.Equal(("FluxOnnx", comment), ExifProbe.Read(tiff));
        Assert.Equal(3, ImageDecoder.Decode(jpeg).Channels); // still a JPEG every decoder reads
    }

    [Fact]
    public void WebpCarriesExifInAnExtendedContainer()
    {
        const string comment = "{\"prompt\":\"a lighthouse\"}";
        byte[] webp = WebpEncoder.Encode(Smooth(3), 90, new ExifMetadata(comment, "FluxOnnx"));
        var chunks = ExifProbe.WebpChunks(webp);
        Assert.Equal(new[] { "VP8X", "VP8 ", "EXIF" }, chunks.Select(c => c.FourCc));
        byte[] vp8x = chunks[0].Data;
        Assert.Equal(0x08, vp8x[0]); // EXIF flag only: no alpha, ICC, XMP or animation
        Assert.Equal((96, 64), (1 + (vp8x[4] | (vp8x[5] << 8) | (vp8x[6] << 16)), 1 + (vp8x[7] | (vp8x[8] << 8) | (vp8x[9] << 16))));
        Assert.Equal(("FluxOnnx", comment), ExifProbe.Read(chunks[2].Data));
        Assert.Equal((96, 64, 3), (ImageDecoder.Decode(webp).Width, ImageDecoder.Decode(webp).Height, ImageDecoder.Decode(webp).Channels));

        // A lossless RGBA image: the VP8X also raises the alpha flag, and the pixels are still exact.
        var rgba = Smooth(4);
        byte[] lossless = WebpEncoder.EncodeLossless(rgba, new ExifMetadata("odd", null));
        var losslessChunks = ExifProbe.WebpChunks(lossless);
        Assert.Equal(new[] { "VP8X", "VP8L", "EXIF" }, losslessChunks.Select(c => c.FourCc));
        Assert.Equal(0x18, losslessChunks[0].Data[0]);
        Assert.Equal(((string?)null, "odd"), ExifProbe.Read(losslessChunks[2].Data));
        Assert.Equal(rgba.Pixels, ImageDecoder.Decode(lossless).Pixels);
    }

    [Fact]
    public void ExifSoftwareMustBeAscii()
    {
        Assert.Throws<ArgumentException>(() => JpegEncoder.Encode(Smooth(3), 90, new ExifMetadata("x", "Flüx")));
    }

    [Fact]
    public void AJpegExifBlockMustFitOneSegment()
    {
        var e = Assert.Throws<ArgumentException>(() => JpegEncoder.Encode(Smooth(3), 90, new ExifMetadata(new string('x', 40_000))));
        Assert.Contains("65527", e.Message, StringComparison.Ordinal);
    }
}
