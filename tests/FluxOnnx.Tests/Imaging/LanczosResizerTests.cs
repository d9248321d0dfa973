using Xunit;
using FluxOnnx.Imaging;

namespace FluxOnnx.Tests.Imaging;

public class LanczosResizerTests
{
    /// <summary>5 x 4 RGB: (x·53 + y·17) mod 256, (x²·29 + y·71) mod 256, 255 when x + y is odd else 0.</summary>
    private static PixelImage Source()
    {
        var img = new PixelImage(5, 4, 3);
        for (int y = 0; y < 4; y++)
        {
            for (int x = 0; x < 5; x++)
            {
                int o = ((y * 5) + x) * 3;
                img.Pixels[o] = (byte)(((x * 53) + (y * 17)) % 256);
                img.Pixels[o + 1] = (byte)(((x * x * 29) + (y * 71)) % 256);
                img.Pixels[o + 2] = (byte)((x + y) % 2 == 1 ? 255 : 0);
            }
        }
        return img;
    }

    // Expected bytes from Debian's Pillow 9.4.0: np.array(Image.fromarray(source).resize(size, Image.LANCZOS)).flatten().
    public static TheoryData<int, int, byte[]> PillowResults() => new()
    {
        { 3, 7, [16, 12, 93, 105, 50, 145, 194, 135, 93, 21, 32, 121, 110, 96, 131, 197, 95, 121, 32, 77, 153, 122, 150, 114, 209, 46, 153, 43, 118, 128, 129, 115, 128, 242, 57, 128, 52, 160, 102, 143, 73, 141, 221, 122, 102, 61, 209, 134, 166, 116, 124, 136, 171, 134, 65, 231, 162, 178, 155, 110, 79, 191, 162] },
        { 8, 2, [7, 38, 101, 25, 41, 127, 66, 73, 154, 102, 132, 112, 128, 112, 112, 163, 45, 154, 216, 74, 127, 244, 119, 101, 38, 167, 154, 58, 202, 128, 99, 197, 101, 130, 80, 143, 173, 76, 143, 202, 176, 101, 164, 150, 128, 134, 98, 154] },
        { 2, 2, [50, 71, 125, 185, 91, 125, 91, 160, 130, 170, 124, 130] },
    };

    [Theory]
    [MemberData(nameof(PillowResults))]
    public void MatchesPillowLanczos(int width, int height, byte[] expected)
    {
        Assert.Equal(expected, LanczosResizer.Resize(Source(), width, height).Pixels);
    }

    [Fact]
    public void GrayAlternatingRowMatchesPillow()
    {
        // Pillow 9.4.0: [0,255,0,255,0,255,0,255] (8 x 1, L) -> 3 x 1: [112, 127, 143]; -> 16 x 1 as below.
        var src = new PixelImage(8, 1, 1, [0, 255, 0, 255, 0, 255, 0, 255]);
        Assert.Equal(new byte[] { 112, 127, 143 }, LanczosResizer.Resize(src, 3, 1).Pixels);
        Assert.Equal(new byte[] { 0, 64, 222, 217, 35, 37, 218, 218, 37, 37, 218, 220, 38, 33, 191, 255 }, LanczosResizer.Resize(src, 16, 1).Pixels);
    }

    [Fact]
    public void ConstantImageStaysConstant()
    {
        var src = new PixelImage(7, 5, 3, Enumerable.Repeat((byte)77, 7 * 5 * 3).ToArray());
        Assert.All(LanczosResizer.Resize(src, 16, 3).Pixels, b => Assert.Equal(77, b));
    }

    [Fact]
    public void SameSizeIsACopy()
    {
        var src = Source();
        var copy = LanczosResizer.Resize(src, 5, 4);
        Assert.NotSame(src.Pixels, copy.Pixels);
        Assert.Equal(src.Pixels, copy.Pixels);
    }
}
