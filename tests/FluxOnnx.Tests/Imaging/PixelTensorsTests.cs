using Xunit;
using FluxOnnx.Imaging;

namespace FluxOnnx.Tests.Imaging;

public class PixelTensorsTests
{
    [Theory]
    [InlineData(-1f, 0)]
    [InlineData(1f, 255)]
    [InlineData(0f, 127)]        // 127.5 truncated
    [InlineData(0.5f, 191)]      // 191.25
    [InlineData(-0.5f, 63)]      // 63.75
    [InlineData(0.99f, 253)]     // 253.725
    [InlineData(-0.99f, 1)]      // 1.275
    [InlineData(0.0039f, 127)]   // 127.997...: just below 128, truncated
    [InlineData(0.004f, 128)]    // 128.01
    [InlineData(0.9999f, 254)]   // 254.987...
    [InlineData(2f, 255)]        // clamped
    [InlineData(-3.5f, 0)]       // clamped
    [InlineData(float.PositiveInfinity, 255)]
    [InlineData(float.NegativeInfinity, 0)]
    [InlineData(float.NaN, 0)]
    public void FloatToByteFollowsSaveImage(float x, int expected)
    {
        Assert.Equal((byte)expected, PixelTensors.ToByte(x));
    }

    [Fact]
    public void ByteToFloatToByteLosesOneForOneToSixtyThree()
    {
        // float32 u / 127.5 - 1, then (x + 1) · 127.5 truncated, gives u - 1 for u = 1..63 and u otherwise
        // (checked with numpy float32 on all 256 values). This is what BFL's Canny encoder feeds to cv2.Canny.
        var image = new PixelImage(256, 1, 3, Enumerable.Range(0, 256).SelectMany(u => new[] { (byte)u, (byte)u, (byte)u }).ToArray());
        var back = PixelTensors.FromSignedUnitChw(PixelTensors.ToSignedUnitChw(image), 1, 256);
        for (int u = 0; u < 256; u++)
        {
            Assert.Equal(u is >= 1 and <= 63 ? u - 1 : u, back[u, 0, 0]);
        }
    }

    [Fact]
    public void ImageToChwLayoutAndValues()
    {
        // 2 x 1 RGB: (0, 255, 51), (127, 128, 3)
        var chw = PixelTensors.ToSignedUnitChw(new PixelImage(2, 1, 3, [0, 255, 51, 127, 128, 3]));
        Assert.Equal(new[] { -1f, 127f / 127.5f - 1f, 1f, 128f / 127.5f - 1f, 51f / 127.5f - 1f, 3f / 127.5f - 1f }, chw);
        // A true float32 division: for 51, u / 127.5 − 1 differs from u · (1 / 127.5) − 1 in float32 (numpy check).
        float u = Runtime(51f), reciprocal = Runtime(1f) / 127.5f;
        Assert.NotEqual((u * reciprocal) - 1f, chw[4]);
        Assert.Equal((u / 127.5f) - 1f, chw[4]);
    }

    /// <summary>Keeps a value out of compile-time constant folding.</summary>
    private static float Runtime(float v) => v;

    [Fact]
    public void ChwToImageInterleaves()
    {
        var image = PixelTensors.FromSignedUnitChw([-1f, 1f, 0f, 0.5f, 1f, -1f], 1, 2);
        Assert.Equal(new byte[] { 0, 127, 255, 255, 191, 0 }, image.Pixels);
    }

    [Fact]
    public void WrongSizesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => PixelTensors.FromSignedUnitChw(new float[5], 1, 2));
        Assert.Throws<ArgumentException>(() => PixelTensors.ToSignedUnitChw(new PixelImage(1, 1, 1)));
    }

    [Fact]
    public void MaskUsesPilLumaAndDividesBy255()
    {
        // RGB white -> 255 -> 1; pure red -> (255·19595 + 0x8000) >> 16 = 76 -> 76/255; black -> 0.
        var mask = PixelTensors.ToMask(new PixelImage(3, 1, 3, [255, 255, 255, 255, 0, 0, 0, 0, 0]));
        Assert.Equal(new[] { 1f, 76f / 255f, 0f }, mask);
    }

    [Fact]
    public void RgbaToRgbDropsAlphaAndGrayReplicates()
    {
        Assert.Equal(new byte[] { 10, 20, 30 }, new PixelImage(1, 1, 4, [10, 20, 30, 0]).ToRgb().Pixels);
        Assert.Equal(new byte[] { 9, 9, 9 }, new PixelImage(1, 1, 1, [9]).ToRgb().Pixels);
        // PIL L of (10, 20, 30): (10·19595 + 20·38470 + 30·7471 + 32768) >> 16 = 18
        Assert.Equal(new byte[] { 18 }, new PixelImage(1, 1, 4, [10, 20, 30, 0]).ToGray().Pixels);
    }
}
