using FluxOnnx.Imaging;
using Xunit;

namespace FluxOnnx.Server.Tests.Support;

internal static class PixelAssert
{
    /// <summary>Same size and channels, every sample within ±1 (float rounding across batch shapes may flip a truncation).</summary>
    public static void WithinOne(PixelImage expected, PixelImage actual)
    {
        Assert.Equal((expected.Width, expected.Height, expected.Channels), (actual.Width, actual.Height, actual.Channels));
        var worst = 0;
        for (var i = 0; i < expected.Pixels.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected.Pixels[i] - actual.Pixels[i]));
        }
        Assert.True(worst <= 1, $"largest per-channel difference {worst} > 1");
    }
}
