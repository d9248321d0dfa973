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

    public static TheoryData<int, int> ChannelsAndLevels()
    {
        var data = new TheoryData<int, int>();
        foreach (int channels in new[] { 1, 3, 4 })
        {
            foreach (int level in new[] { 0, 6, 9 })
            {
                data.Add(channels, level);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ChannelsAndLevels))]
    public void EncodeThenDecodeGivesTheSamePixels(int channels, int level)
    {
        var image = Pattern(37, 11, channels);
        byte[] png = PngEncoder.Encode(image, new PngEncoderOptions { CompressionLevel = level });
        var decoded = ImageDecoder.Decode(png);
        Assert.Equal(channels, decoded.Channels);
        Assert.Equal(image.Pixels, decoded.Pixels);
        // IHDR: bit depth 8 and colour type gray (0), RGB (2) or RGBA (6), non-interlaced.
        Assert.Equal((8, channels switch { 1 => 0, 3 => 2, _ => 6 }, 0), (png[24], png[25], png[28]));
    }

    [Fact]
    public void CompressionLevelOutsideZlibsRangeIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PngEncoder.Encode(Pattern(2, 2, 3), new PngEncoderOptions { CompressionLevel = 10 }));
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
            Assert.Equal(image.Pixels, ImageDecoder.DecodeFile(path).Pixels);
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
}
