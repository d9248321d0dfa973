namespace FluxOnnx.Imaging;

/// <summary>
/// Resizes 8-bit gray or RGB images exactly as Pillow's <c>Image.resize(size, Image.LANCZOS)</c>, which BFL uses for
/// control and Kontext inputs of another size (flux <c>src/flux/sampling.py</c> <c>prepare_control</c>:
/// <c>img_cond.resize((width, height), Image.LANCZOS)</c>). Algorithm of Pillow <c>src/libImaging/Resample.c</c>:
/// Lanczos a = 3 (<c>sinc(x)·sinc(x/3)</c> on [−3, 3)), support widened by the scale when shrinking, weights
/// normalised to sum 1 then rounded to fixed point with 22 fractional bits; a horizontal pass (only over the rows the
/// vertical pass will read) into an 8-bit intermediate with rounding and clipping, then a vertical pass.
/// Same-size input is returned as a copy, as Pillow does.
/// </summary>
public static class LanczosResizer
{
    private const int PrecisionBits = 32 - 8 - 2;
    private const double Support = 3.0;

    /// <summary>A resized copy of <paramref name="src"/> (1 or 3 channels; convert RGBA with <see cref="PixelImage.ToRgb"/>).</summary>
    public static PixelImage Resize(PixelImage src, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(src);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (src.Channels == 4)
        {
            throw new ArgumentException("RGBA resize needs premultiplied alpha (as Pillow does); convert to RGB first", nameof(src));
        }
        int ch = src.Channels;
        if (width == src.Width && height == src.Height)
        {
            return new PixelImage(width, height, ch, (byte[])src.Pixels.Clone());
        }
        var (hBounds, hK, hSize) = Coefficients(src.Width, width);
        var (vBounds, vK, vSize) = Coefficients(src.Height, height);
        PixelImage current = src;
        if (width != src.Width)
        {
            int yFirst = vBounds[0];
            int yLast = vBounds[(2 * height) - 2] + vBounds[(2 * height) - 1];
            var tmp = new PixelImage(width, yLast - yFirst, ch);
            for (int y = 0; y < tmp.Height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    int xmin = hBounds[2 * x], n = hBounds[(2 * x) + 1];
                    for (int c = 0; c < ch; c++)
                    {
                        int ss = 1 << (PrecisionBits - 1);
                        for (int i = 0; i < n; i++)
                        {
                            ss += src.Pixels[(((y + yFirst) * src.Width) + xmin + i) * ch + c] * hK[(x * hSize) + i];
                        }
                        tmp.Pixels[((y * width) + x) * ch + c] = Clip8(ss);
                    }
                }
            }
            for (int i = 0; i < height; i++)
            {
                vBounds[2 * i] -= yFirst;
            }
            current = tmp;
        }
        if (height == src.Height)
        {
            return current;
        }
        var dst = new PixelImage(width, height, ch);
        for (int y = 0; y < height; y++)
        {
            int ymin = vBounds[2 * y], n = vBounds[(2 * y) + 1];
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < ch; c++)
                {
                    int ss = 1 << (PrecisionBits - 1);
                    for (int i = 0; i < n; i++)
                    {
                        ss += current.Pixels[(((ymin + i) * width) + x) * ch + c] * vK[(y * vSize) + i];
                    }
                    dst.Pixels[((y * width) + x) * ch + c] = Clip8(ss);
                }
            }
        }
        return dst;
    }

    /// <summary>Pillow's <c>precompute_coeffs</c> + <c>normalize_coeffs_8bpc</c> for box [0, inSize).</summary>
    private static (int[] Bounds, int[] K, int KSize) Coefficients(int inSize, int outSize)
    {
        double scale = (double)inSize / outSize;
        double filterScale = Math.Max(scale, 1.0);
        double support = Support * filterScale;
        int ksize = ((int)Math.Ceiling(support) * 2) + 1;
        var bounds = new int[2 * outSize];
        var kk = new int[outSize * ksize];
        var w = new double[ksize];
        for (int xx = 0; xx < outSize; xx++)
        {
            double center = (xx + 0.5) * scale;
            double ss = 1.0 / filterScale;
            int xmin = Math.Max((int)(center - support + 0.5), 0);
            int xmax = Math.Min((int)(center + support + 0.5), inSize) - xmin;
            double ww = 0;
            for (int x = 0; x < xmax; x++)
            {
                w[x] = Lanczos((x + xmin - center + 0.5) * ss);
                ww += w[x];
            }
            for (int x = 0; x < xmax; x++)
            {
                double k = ww != 0.0 ? w[x] / ww : w[x];
                kk[(xx * ksize) + x] = k < 0
                    ? (int)(-0.5 + (k * (1 << PrecisionBits)))
                    : (int)(0.5 + (k * (1 << PrecisionBits)));
            }
            bounds[2 * xx] = xmin;
            bounds[(2 * xx) + 1] = xmax;
        }
        return (bounds, kk, ksize);
    }

    private static double Lanczos(double x) => x is >= -3.0 and < 3.0 ? Sinc(x) * Sinc(x / 3.0) : 0.0;

    private static double Sinc(double x)
    {
        if (x == 0.0)
        {
            return 1.0;
        }
        x *= Math.PI;
        return Math.Sin(x) / x;
    }

    private static byte Clip8(int ss)
    {
        int v = ss >> PrecisionBits;
        return (byte)Math.Clamp(v, 0, 255);
    }
}
