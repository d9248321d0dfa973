using Xunit;
using FluxOnnx.Imaging;

namespace FluxOnnx.Tests.Imaging;

public class PngRoundTripTests
{
    /// <summary>A deterministic image with smooth and noisy parts so every filter has work to do.</summary>
    private static PixelImage Pattern(int width, int height, int channels)
    {
        var px = new byte[width * height * channels];
        uint state = 12345;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    state = (state * 1664525) + 1013904223;
                    int smooth = (x * 7) + (y * 3) + (c * 50);
                    px[(((y * width) + x) * channels) + c] = (byte)(x < width / 2 ? smooth : (int)(state >> 24));
                }
            }
        }
        return new PixelImage(width, height, channels, px);
    }

    public static TheoryData<int, int> ChannelsAndFilters()
    {
        var data = new TheoryData<int, int>();
        foreach (int channels in new[] { 1, 3, 4 })
        {
            for (int filter = -1; filter <= 4; filter++)
            {
                data.Add(channels, filter);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ChannelsAndFilters))]
    public void EncodeThenDecodeGivesTheSamePixels(int channels, int filter)
    {
        var image = Pattern(37, 11, channels);
        var options = new PngEncoderOptions { Filter = filter < 0 ? null : (PngFilter)filter, CompressionLevel = 9 };
        var png = PngDecoder.Decode(PngEncoder.Encode(image, options));
        Assert.Equal(channels, png.Pixels.Channels);
        Assert.Equal(image.Pixels, png.Pixels.Pixels);
        Assert.Equal(8, png.Header.BitDepth);
        Assert.Equal(channels switch { 1 => PngColorType.Gray, 3 => PngColorType.Rgb, _ => PngColorType.Rgba }, png.Header.ColorType);
    }

    [Fact]
    public void ForcedFilterIsWrittenOnEveryRow()
    {
        var image = Pattern(5, 4, 3);
        byte[] bytes = PngEncoder.Encode(image, new PngEncoderOptions { Filter = PngFilter.Paeth, CompressionLevel = 0 });
        // Level 0 stores the scanlines verbatim inside the zlib stream: find the filter bytes at each row start.
        byte[] stored = InflateIdat(bytes);
        Assert.Equal(4 * (1 + 15), stored.Length);
        for (int row = 0; row < 4; row++)
        {
            Assert.Equal((byte)PngFilter.Paeth, stored[row * 16]);
        }
    }

    [Fact]
    public void AdaptiveFilterPicksSubForAHorizontalRamp()
    {
        // Row 0 of a ramp 0, 10, 20, ...: None sums 0+10+20+..., Sub gives 0,10,10,... (minimal), Up = None on row 0.
        var px = Enumerable.Range(0, 12).Select(i => (byte)(i * 10)).ToArray();
        byte[] stored = InflateIdat(PngEncoder.Encode(new PixelImage(12, 1, 1, px), new PngEncoderOptions { CompressionLevel = 0 }));
        Assert.Equal((byte)PngFilter.Sub, stored[0]);
        Assert.Equal(new byte[] { 0, 10, 10, 10 }, stored[1..5]);
    }

    [Fact]
    public void WriteFileReplacesAtomicallyAndLeavesNoTemporaryFile()
    {
        string dir = Directory.CreateTempSubdirectory("fluxonnx-png-").FullName;
        try
        {
            string path = Path.Combine(dir, "out.png");
            File.WriteAllText(path, "old contents");
            var image = Pattern(8, 8, 3);
            PngEncoder.WriteFile(path, image);
            Assert.Equal(image.Pixels, PngDecoder.DecodeFile(path).Pixels.Pixels);
            Assert.Equal(new[] { "out.png" }, Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void WriteFileWithABadKeywordLeavesTheOldFileAlone()
    {
        string dir = Directory.CreateTempSubdirectory("fluxonnx-png-").FullName;
        try
        {
            string path = Path.Combine(dir, "out.png");
            File.WriteAllText(path, "old contents");
            var options = new PngEncoderOptions { Text = [new PngTextEntry("", "no keyword")] };
            Assert.Throws<ArgumentException>(() => PngEncoder.WriteFile(path, Pattern(2, 2, 1), options));
            Assert.Equal("old contents", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Concatenates the IDAT chunks of <paramref name="png"/> and inflates them (test-side chunk walk).</summary>
    internal static byte[] InflateIdat(byte[] png)
    {
        using var idat = new MemoryStream();
        int p = 8;
        while (p < png.Length)
        {
            int len = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(p));
            string type = System.Text.Encoding.ASCII.GetString(png, p + 4, 4);
            if (type == "IDAT")
            {
                idat.Write(png, p + 8, len);
            }
            p += 12 + len;
        }
        idat.Position = 0;
        using var z = new System.IO.Compression.ZLibStream(idat, System.IO.Compression.CompressionMode.Decompress);
        using var output = new MemoryStream();
        z.CopyTo(output);
        return output.ToArray();
    }
}
