using FluxOnnx.Tools.Comparison;
using FluxOnnx.Imaging;
using Xunit;

namespace FluxOnnx.Tools.Tests.Comparison;

public sealed class ImageMetricsTests
{
    private static PixelImage Constant(int size, params byte[] rgb)
    {
        var pixels = new byte[size * size * 3];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = rgb[i % 3];
        }
        return new PixelImage(size, size, 3, pixels);
    }

    private static PixelImage Pattern(int size)
    {
        var pixels = new byte[size * size * 3];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((i * 37 + (i / 7) * 11) % 256);
        }
        return new PixelImage(size, size, 3, pixels);
    }

    [Fact]
    public void Identical_images_have_null_psnr_and_ssim_one()
    {
        var a = Pattern(16);
        var b = new PixelImage(16, 16, 3, (byte[])a.Pixels.Clone());
        Assert.Null(Psnr.Decibels(a, b));
        Assert.Equal(1.0, Ssim.Mean(a, b), 12);
    }

    [Fact]
    public void Constant_offset_of_10_gives_10_log10_of_255_squared_over_100()
    {
        // 10·log10(65025 / 10²) = 28.130803608679106 dB, by hand.
        Assert.Equal(28.130803608679106, Psnr.Decibels(Constant(12, 100, 100, 100), Constant(12, 110, 110, 110))!.Value, 10);
        // The sign of the offset and the channel content do not matter: every sample is ±10 off.
        var a = Constant(12, 50, 150, 200);
        var b = Constant(12, 60, 140, 210);
        Assert.Equal(28.130803608679106, Psnr.Decibels(a, b)!.Value, 10);
    }

    [Fact]
    public void Half_the_samples_off_by_two_gives_mse_2()
    {
        var a = Constant(12, 100, 100, 100);
        var pixels = (byte[])a.Pixels.Clone();
        for (var i = 0; i < pixels.Length; i += 2)
        {
            pixels[i] = 102;
        }
        // MSE = (4 · 216) / 432 = 2; 10·log10(65025 / 2) = 45.12050365203929 dB.
        Assert.Equal(45.12050365203929, Psnr.Decibels(a, new PixelImage(12, 12, 3, pixels))!.Value, 10);
    }

    [Fact]
    public void Ssim_of_two_constant_images_is_the_luminance_term()
    {
        // σ = σxy = 0 in every window: SSIM = (2ab + C1) / (a² + b² + C1), C1 = 2.55² = 6.5025.
        // 100 vs 110: 22006.5025 / 22106.5025 = 0.9954764440915066 (to 11 places: the 121 Gaussian weights sum to 1
        // only within double rounding, so the window means are 100 and 110 within ~1e-13).
        Assert.Equal(0.9954764440915066, Ssim.Mean(Constant(11, 100, 100, 100), Constant(11, 110, 110, 110)), 11);
        // Black vs white: C1 / (255² + C1) = 6.5025 / 65031.5025 = 9.999000099990003e-05.
        Assert.Equal(9.999000099990003e-05, Ssim.Mean(Constant(20, 0, 0, 0), Constant(20, 255, 255, 255)), 15);
        // Per channel, then averaged: R and B identical (1), G 100 vs 110.
        Assert.Equal((1 + 0.9954764440915066 + 1) / 3, Ssim.Mean(Constant(13, 0, 100, 200), Constant(13, 0, 110, 200)), 11);
    }

    [Fact]
    public void Ssim_is_symmetric_and_below_one_for_a_different_pattern()
    {
        var a = Pattern(16);
        var inverted = new PixelImage(16, 16, 3, a.Pixels.Select(p => (byte)(255 - p)).ToArray());
        var ab = Ssim.Mean(a, inverted);
        Assert.Equal(ab, Ssim.Mean(inverted, a), 12);
        Assert.InRange(ab, -1, 0); // inversion makes the structure term negative
    }

    [Fact]
    public void Mismatched_or_too_small_images_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Psnr.Decibels(Constant(12, 0, 0, 0), Constant(13, 0, 0, 0)));
        Assert.Throws<ArgumentException>(() => Ssim.Mean(Constant(10, 0, 0, 0), Constant(10, 0, 0, 0)));
    }
}
