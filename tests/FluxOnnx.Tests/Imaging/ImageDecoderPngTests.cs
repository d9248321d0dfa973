using Xunit;
using FluxOnnx.Imaging;
using static FluxOnnx.Tests.Imaging.HandmadePng;

namespace FluxOnnx.Tests.Imaging;

/// <summary>
/// Decoding PNGs assembled byte by byte, with the expected pixels worked out by hand in the comments. These are the
/// cases FluxOnnx's former hand-written decoder was tested on; SkiaSharp's path gives the same pixels and channels.
/// </summary>
public class ImageDecoderPngTests
{
    [Fact]
    public void AllFiveFilterTypesDecode()
    {
        // 3 x 5 gray, one row per filter type. Rows (pixels) and their filtered bytes:
        //   [10, 20, 30]   None:    10, 20, 30
        //   [15, 25, 40]   Sub:     15, 25-15=10, 40-25=15
        //   [20, 20, 20]   Up:      20-15=5, 20-25=-5=251, 20-40=-20=236
        //   [30, 10, 200]  Average: 30-(0+20)/2=20, 10-(30+20)/2=-15=241, 200-(10+20)/2=185
        //   [100, 50, 0]   Paeth:   a,b,c=(0,30,0)->b: 70; (100,10,30)->a: -50=206; (50,200,10)->b: -200=56
        byte[] scanlines =
        [
            0, 10, 20, 30,
            1, 15, 10, 15,
            2, 5, 251, 236,
            3, 20, 241, 185,
            4, 70, 206, 56,
        ];
        var png = ImageDecoder.Decode(Simple(3, 5, 8, 0, scanlines));
        Assert.Equal(1, png.Channels);
        Assert.Equal(new byte[] { 10, 20, 30, 15, 25, 40, 20, 20, 20, 30, 10, 200, 100, 50, 0 }, png.Pixels);
    }

    [Fact]
    public void FiltersUseWholePixelsAsLeftNeighbourForRgb()
    {
        // 2 x 1 RGB (1,2,3),(5,7,9) with Sub: bpp = 3, so the second pixel subtracts the first: 4,5,6.
        var png = ImageDecoder.Decode(Simple(2, 1, 8, 2, [1, 1, 2, 3, 4, 5, 6]));
        Assert.Equal(new byte[] { 1, 2, 3, 5, 7, 9 }, png.Pixels);
    }

    [Fact]
    public void OneBitGrayScalesTo0And255()
    {
        // width 10: row 0 bits 1010101011, row 1 bits 0101010100 (padded to two bytes each).
        var png = ImageDecoder.Decode(Simple(10, 2, 1, 0, [0, 0b1010_1010, 0b1100_0000, 0, 0b0101_0101, 0b0000_0000]));
        Assert.Equal(new byte[] { 255, 0, 255, 0, 255, 0, 255, 0, 255, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 0 }, png.Pixels);
    }

    [Fact]
    public void TwoAndFourBitGrayScaleBy85And17()
    {
        // 2-bit values 0,1,2,3,2 -> 00 01 10 11 | 10 000000 -> 0x1B, 0x80 -> 0, 85, 170, 255, 170.
        Assert.Equal(new byte[] { 0, 85, 170, 255, 170 }, ImageDecoder.Decode(Simple(5, 1, 2, 0, [0, 0x1B, 0x80])).Pixels);
        // 4-bit values 0, 7, 15 -> 0x07, 0xF0 -> 0, 119, 255.
        Assert.Equal(new byte[] { 0, 119, 255 }, ImageDecoder.Decode(Simple(3, 1, 4, 0, [0, 0x07, 0xF0])).Pixels);
    }

    [Fact]
    public void PaletteWithTransparency()
    {
        // 2-bit indices 0,1,2,1 -> 00 01 10 01 = 0x19. PLTE red, green, blue; tRNS alphas 0, 128 (blue opaque).
        byte[] plte = Chunk("PLTE", [255, 0, 0, 0, 255, 0, 0, 0, 255]);
        byte[] trns = Chunk("tRNS", [0, 128]);
        var png = ImageDecoder.Decode(Simple(4, 1, 2, 3, [0, 0x19], plte, trns));
        Assert.Equal(4, png.Channels);
        Assert.Equal(new byte[] { 255, 0, 0, 0, 0, 255, 0, 128, 0, 0, 255, 255, 0, 255, 0, 128 }, png.Pixels);
    }

    [Fact]
    public void PaletteWithoutTransparencyIsRgb()
    {
        byte[] plte = Chunk("PLTE", [10, 20, 30, 40, 50, 60]);
        var png = ImageDecoder.Decode(Simple(3, 1, 8, 3, [0, 1, 0, 1], plte));
        Assert.Equal(3, png.Channels);
        Assert.Equal(new byte[] { 40, 50, 60, 10, 20, 30, 40, 50, 60 }, png.Pixels);
    }

    [Fact]
    public void SixteenBitRgbKeepsTheHighByte()
    {
        // (0x1234, 0xABCD, 0xFF00), (0x00FF, 0x8000, 0x7FFF) -> (0x12, 0xAB, 0xFF), (0x00, 0x80, 0x7F)
        byte[] row = [0, 0x12, 0x34, 0xAB, 0xCD, 0xFF, 0x00, 0x00, 0xFF, 0x80, 0x00, 0x7F, 0xFF];
        var png = ImageDecoder.Decode(Simple(2, 1, 16, 2, row));
        Assert.Equal(new byte[] { 0x12, 0xAB, 0xFF, 0x00, 0x80, 0x7F }, png.Pixels);
        Assert.Equal(3, png.Channels);
    }

    [Fact]
    public void SixteenBitGrayColourKeyComparesAllSixteenBits()
    {
        // key 0x0102: pixel 0x0102 is transparent, 0x0103 (same high byte) is opaque.
        var png = ImageDecoder.Decode(Simple(2, 1, 16, 0, [0, 0x01, 0x02, 0x01, 0x03], Chunk("tRNS", [0x01, 0x02])));
        Assert.Equal(new byte[] { 1, 1, 1, 0, 1, 1, 1, 255 }, png.Pixels);
    }

    [Fact]
    public void GrayAlphaExpandsToRgba()
    {
        var png8 = ImageDecoder.Decode(Simple(2, 1, 8, 4, [0, 10, 200, 250, 0]));
        Assert.Equal(new byte[] { 10, 10, 10, 200, 250, 250, 250, 0 }, png8.Pixels);
        var png16 = ImageDecoder.Decode(Simple(1, 1, 16, 4, [0, 0xAB, 0xCD, 0x12, 0x34]));
        Assert.Equal(new byte[] { 0xAB, 0xAB, 0xAB, 0x12 }, png16.Pixels);
    }

    [Fact]
    public void RgbColourKeyAddsAlpha()
    {
        var png = ImageDecoder.Decode(Simple(2, 1, 8, 2, [0, 1, 2, 3, 1, 2, 4], Chunk("tRNS", [0, 1, 0, 2, 0, 3])));
        Assert.Equal(new byte[] { 1, 2, 3, 0, 1, 2, 4, 255 }, png.Pixels);
    }

    [Fact]
    public void Adam7InterlacedGray()
    {
        // 5 x 6 gray, pixel (x, y) = 16·y + x + 1. Adam7 passes (x0, y0, dx, dy) from PNG spec §8.2; each pass's
        // sub-image is written row by row with filter 0. Pass sub-image sizes for 5 x 6:
        // 1: 1x1, 2: 1x1, 3: 2x1, 4: 1x2, 5: 3x1, 6: 2x3, 7: 5x3.
        (int X0, int Y0, int Dx, int Dy)[] passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
        var scanlines = new List<byte>();
        foreach (var p in passes)
        {
            for (int y = p.Y0; y < 6; y += p.Dy)
            {
                var row = new List<byte>();
                for (int x = p.X0; x < 5; x += p.Dx)
                {
                    row.Add((byte)((16 * y) + x + 1));
                }
                if (row.Count > 0)
                {
                    scanlines.Add(0);
                    scanlines.AddRange(row);
                }
            }
        }
        Assert.Equal(30 + 12, scanlines.Count); // 30 pixels + one filter byte for each of the 12 pass rows
        var png = ImageDecoder.Decode(File(Ihdr(5, 6, 8, 0, interlace: 1), Idat([.. scanlines]), Iend()));
        Assert.Equal((5, 6, 1), (png.Width, png.Height, png.Channels));
        for (int y = 0; y < 6; y++)
        {
            for (int x = 0; x < 5; x++)
            {
                Assert.Equal((byte)((16 * y) + x + 1), png[x, y, 0]);
            }
        }
    }

    [Fact]
    public void Adam7InterlacedOneBitWithSubFilter()
    {
        // 3 x 3 one-bit gray, checkerboard: (x + y) even = white. Passes present: 1 (0,0), 4 (2,0), 5 ((0,2),(2,2)),
        // 6 ((1,0),(1,2)), 7 rows 1: ((0,1),(1,1),(2,1)).
        byte[] scanlines =
        [
            0, 0b1000_0000,            // pass 1: (0,0)=1
            0, 0b1000_0000,            // pass 4: (2,0)=1
            0, 0b1100_0000,            // pass 5: (0,2)=1, (2,2)=1
            0, 0b0000_0000,            // pass 6 row y=0: (1,0)=0
            1, 0b0000_0000,            // pass 6 row y=2: (1,2)=0, Sub filter (bpp 1, nothing to the left)
            0, 0b0100_0000,            // pass 7 row y=1: 0,1,0
        ];
        var png = ImageDecoder.Decode(File(Ihdr(3, 3, 1, 0, interlace: 1), Idat(scanlines), Iend()));
        Assert.Equal(new byte[] { 255, 0, 255, 0, 255, 0, 255, 0, 255 }, png.Pixels);
    }

    [Fact]
    public void OnePixelInterlacedImageHasOnlyPassOne()
    {
        var png = ImageDecoder.Decode(File(Ihdr(1, 1, 8, 2, interlace: 1), Idat([0, 7, 8, 9]), Iend()));
        Assert.Equal(new byte[] { 7, 8, 9 }, png.Pixels);
    }

    [Fact]
    public void UnknownAncillaryChunksAreSkipped()
    {
        var png = ImageDecoder.Decode(Simple(1, 1, 8, 0, [0, 42], Chunk("gAMA", [0, 0, 0xB1, 0x8F]), Chunk("xyZz", [1, 2, 3])));
        Assert.Equal(new byte[] { 42 }, png.Pixels);
    }

    [Fact]
    public void IdatMaySpanSeveralChunks()
    {
        byte[] z = Zlib([0, 1, 2, 3, 0, 4, 5, 6]);
        var png = ImageDecoder.Decode(File(Ihdr(3, 2, 8, 0), Chunk("IDAT", z[..3]), Chunk("IDAT", []), Chunk("IDAT", z[3..]), Iend()));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, png.Pixels);
    }

    [Fact]
    public void EverySixteenBitValueKeepsItsHighByte()
    {
        // 256 x 256 16-bit gray holding each value 0..65535 once (row = high byte, column = low byte): the pixel is the
        // row. Rounding (v · 255 / 65535) would differ, e.g. 0xFF00 -> 254 and 0x80FF -> 129.
        var rows = new List<byte>();
        for (int y = 0; y < 256; y++)
        {
            rows.Add(0);
            for (int x = 0; x < 256; x++)
            {
                rows.Add((byte)y);
                rows.Add((byte)x);
            }
        }
        var gray = ImageDecoder.Decode(Simple(256, 256, 16, 0, [.. rows]));
        Assert.Equal(1, gray.Channels);
        Assert.Equal(Enumerable.Range(0, 65536).Select(i => (byte)(i >> 8)), gray.Pixels);

        // The same values as R, as B with the byte order swapped, and G = high ^ low.
        var rgb = new List<byte>();
        for (int y = 0; y < 256; y++)
        {
            rgb.Add(0);
            for (int x = 0; x < 256; x++)
            {
                rgb.AddRange([(byte)y, (byte)x, (byte)(x ^ y), (byte)y, (byte)x, (byte)y]);
            }
        }
        var color = ImageDecoder.Decode(Simple(256, 256, 16, 2, [.. rgb]));
        Assert.Equal(3, color.Channels);
        Assert.Equal(Enumerable.Range(0, 65536).SelectMany(i => new[] { (byte)(i >> 8), (byte)((i >> 8) ^ (i & 255)), (byte)(i & 255) }), color.Pixels);
    }

    [Fact]
    public void AlphaIsStraightSoColourUnderEveryAlphaIsKept()
    {
        // 256 x 256 RGBA, alpha = column, colour = (row, 255 - row, row ^ column). Premultiplied decoding would scale
        // the colour by alpha / 255 (to 0 under alpha 0); straight alpha returns the stored bytes.
        var rows = new List<byte>();
        var expected = new List<byte>();
        for (int y = 0; y < 256; y++)
        {
            rows.Add(0);
            for (int x = 0; x < 256; x++)
            {
                byte[] px = [(byte)y, (byte)(255 - y), (byte)(x ^ y), (byte)x];
                rows.AddRange(px);
                expected.AddRange(px);
            }
        }
        var image = ImageDecoder.Decode(Simple(256, 256, 8, 6, [.. rows]));
        Assert.Equal(4, image.Channels);
        Assert.Equal(expected, image.Pixels);
    }

    [Fact]
    public void ColourChunksAreIgnoredAsPilIgnoresThem()
    {
        // gAMA 1.0 (100000) and an sRGB chunk: decoded without colour management, the stored bytes come back.
        var png = ImageDecoder.Decode(Simple(2, 1, 8, 2, [0, 100, 150, 200, 10, 20, 30],
            Chunk("gAMA", [0, 0x01, 0x86, 0xA0]), Chunk("sRGB", [0])));
        Assert.Equal(new byte[] { 100, 150, 200, 10, 20, 30 }, png.Pixels);
    }
}
