using FluxOnnx.Imaging;

namespace FluxOnnx.Tools.Comparison;

/// <summary>
/// Peak signal-to-noise ratio of two 8-bit images: 10·log10(255² / MSE), MSE over every sample of every channel.
/// Identical images have an infinite PSNR, reported as null.
/// </summary>
public static class Psnr
{
    /// <summary>PSNR in dB of <paramref name="b"/> against <paramref name="a"/>; null when they are identical.</summary>
    /// <exception cref="ArgumentException">The images differ in size or channel count.</exception>
    public static double? Decibels(PixelImage a, PixelImage b)
    {
        Ssim.CheckSameLayout(a, b);
        return FromSquaredError(SumSquaredError(a.Pixels, b.Pixels), a.Pixels.LongLength);
    }

    /// <summary>Σ (b − a)² over the samples.</summary>
    public static long SumSquaredError(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        long sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = b[i] - a[i];
            sum += d * d;
        }
        return sum;
    }

    /// <summary>PSNR from a summed squared error over <paramref name="samples"/> samples; null when the error is 0.</summary>
    public static double? FromSquaredError(long sumSquaredError, long samples) =>
        sumSquaredError == 0 ? null : 10 * Math.Log10(255.0 * 255.0 / (sumSquaredError / (double)samples));
}
