using Xunit;
using FluxOnnx.Imaging;

namespace FluxOnnx.Tests.Imaging;

public class CannyControlImageTests
{
    private static PixelImage RgbStep(byte level)
    {
        var img = new PixelImage(10, 4, 3);
        for (int y = 0; y < 4; y++)
        {
            for (int x = 5; x < 10; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    img.Pixels[(((y * 10) + x) * 3) + c] = level;
                }
            }
        }
        return img;
    }

    [Fact]
    public void EdgesBecomePlusOneInAllThreePlanes()
    {
        float[] control = CannyControlImage.FromImage(RgbStep(255));
        Assert.Equal(3 * 40, control.Length);
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < 4; y++)
            {
                for (int x = 0; x < 10; x++)
                {
                    Assert.Equal(x == 4 ? 1f : -1f, control[(c * 40) + (y * 10) + x]);
                }
            }
        }
    }

    [Fact]
    public void TheFloatRoundTripShiftsDarkPixelsAsBflDoes()
    {
        // A 0 -> 51 step has Sobel magnitude 204 > 200 on the bytes, but BFL converts to float and back first,
        // turning 51 into 50 (magnitude 200, not > 200): no edge in the control image.
        Assert.Equal(4, CannyEdgeDetector.Detect(RgbStep(51)).Pixels.Count(b => b == 255));
        Assert.All(CannyControlImage.FromImage(RgbStep(51)), v => Assert.Equal(-1f, v));
        // 0 -> 52 becomes 51 (magnitude 204): the edge survives.
        Assert.Equal(3 * 4, CannyControlImage.FromImage(RgbStep(52)).Count(v => v == 1f));
    }
}
