using FluxOnnx.Imaging;

namespace FluxOnnx.Tools.Comparison;

/// <summary>
/// Structural similarity of two 8-bit images (Wang, Bovik, Sheikh, Simoncelli 2004, "Image quality assessment: from
/// error visibility to structural similarity", eq. 13 with the paper's settings):
/// <code>
///   SSIM(x, y) = (2 μx μy + C1)(2 σxy + C2) / ((μx² + μy² + C1)(σx² + σy² + C2)),  C1 = (0.01·255)², C2 = (0.03·255)²
/// </code>
/// with μ, σ², σxy weighted by an 11×11 circular-symmetric Gaussian window, σ = 1.5, normalized to sum 1 (population
/// moments, no N−1). The window slides with stride 1 over every position where it fits entirely inside the image
/// ("valid", no padding); the result is the mean over windows, computed per channel and then averaged over channels
/// (RGB each count equally, no luma conversion). This matches scikit-image's
/// <c>structural_similarity(gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255)</c>.
/// </summary>
public static class Ssim
{
    /// <summary>Window side in pixels (the paper's 11×11).</summary>
    public const int WindowSize = 11;

    /// <summary>Standard deviation of the Gaussian window in pixels.</summary>
    public const double WindowSigma = 1.5;

    /// <summary>C1 = (K1·L)², K1 = 0.01, L = 255.</summary>
    public const double C1 = 0.01 * 255 * 0.01 * 255;

    /// <summary>C2 = (K2·L)², K2 = 0.03, L = 255.</summary>
    public const double C2 = 0.03 * 255 * 0.03 * 255;

    /// <summary>One-line description of the window, recorded in reports.</summary>
    public const string WindowDescription = "gaussian 11x11, sigma 1.5, valid windows (no padding), per channel, mean over windows and channels";

    private static readonly double[] Weights = GaussianWeights();

    /// <summary>Mean SSIM of <paramref name="b"/> against <paramref name="a"/>, in [−1, 1]; 1 for identical images.</summary>
    /// <exception cref="ArgumentException">The images differ in layout, or are smaller than the window.</exception>
    public static double Mean(PixelImage a, PixelImage b)
    {
        CheckSameLayout(a, b);
        if (a.Width < WindowSize || a.Height < WindowSize)
        {
            throw new ArgumentException($"SSIM needs images of at least {WindowSize}x{WindowSize} pixels, got {a.Width}x{a.Height}", nameof(a));
        }
        double total = 0;
        for (var c = 0; c < a.Channels; c++)
        {
            total += MeanOfChannel(a, b, c);
        }
        return total / a.Channels;
    }

    internal static void CheckSameLayout(PixelImage a, PixelImage b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Width != b.Width || a.Height != b.Height || a.Channels != b.Channels)
        {
            throw new ArgumentException(
                $"images differ: {a.Width}x{a.Height}x{a.Channels} vs {b.Width}x{b.Height}x{b.Channels}", nameof(b));
        }
    }

    private static double MeanOfChannel(PixelImage a, PixelImage b, int c)
    {
        int rows = a.Height - WindowSize + 1, columns = a.Width - WindowSize + 1, channels = a.Channels;
        double sum = 0;
        for (var y0 = 0; y0 < rows; y0++)
        {
            for (var x0 = 0; x0 < columns; x0++)
            {
                double mx = 0, my = 0, xx = 0, yy = 0, xy = 0;
                for (var dy = 0; dy < WindowSize; dy++)
                {
                    var row = (y0 + dy) * a.Width;
                    for (var dx = 0; dx < WindowSize; dx++)
                    {
                        var w = Weights[dy * WindowSize + dx];
                        var index = (row + x0 + dx) * channels + c;
                        double x = a.Pixels[index], y = b.Pixels[index];
                        mx += w * x;
                        my += w * y;
                        xx += w * x * x;
                        yy += w * y * y;
                        xy += w * x * y;
                    }
                }
                double varX = xx - mx * mx, varY = yy - my * my, cov = xy - mx * my;
                sum += (2 * mx * my + C1) * (2 * cov + C2) / ((mx * mx + my * my + C1) * (varX + varY + C2));
            }
        }
        return sum / ((double)rows * columns);
    }

    /// <summary>w(dx, dy) = g(dx)·g(dy), g(i) ∝ exp(−(i − 5)² / (2σ²)), normalized so the 121 weights sum to 1.</summary>
    private static double[] GaussianWeights()
    {
        var g = new double[WindowSize];
        var center = WindowSize / 2;
        for (var i = 0; i < WindowSize; i++)
        {
            g[i] = Math.Exp(-(i - center) * (i - center) / (2 * WindowSigma * WindowSigma));
        }
        var norm = g.Sum();
        var weights = new double[WindowSize * WindowSize];
        for (var y = 0; y < WindowSize; y++)
        {
            for (var x = 0; x < WindowSize; x++)
            {
                weights[y * WindowSize + x] = g[y] / norm * (g[x] / norm);
            }
        }
        return weights;
    }
}
