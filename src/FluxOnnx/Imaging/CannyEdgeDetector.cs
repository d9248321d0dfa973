namespace FluxOnnx.Imaging;

/// <summary>
/// OpenCV's <c>cv::Canny(src, dst, low, high, apertureSize: 3, L2gradient: false)</c> on 8-bit images of 1, 3 or 4
/// channels, following <c>modules/imgproc/src/canny.cpp</c>:
/// <list type="number">
/// <item>3×3 Sobel dx and dy per channel, border replicated (<c>BORDER_REPLICATE</c>).</item>
/// <item>L1 magnitude |dx| + |dy|; with several channels each pixel takes the channel of largest magnitude (the first on
/// ties) and that channel's dx, dy. No gray conversion happens: BFL passes the RGB image straight to <c>cv2.Canny</c>.</item>
/// <item>Non-maximum suppression in four sectors with OpenCV's fixed-point tangent tests (tan 22.5° as 13573 / 2^15):
/// horizontal <c>m &gt; left &amp;&amp; m &gt;= right</c>, vertical <c>m &gt; above &amp;&amp; m &gt;= below</c>,
/// diagonals strict on both sides; magnitudes outside the image count as 0.</item>
/// <item>Double threshold on integer thresholds <c>floor(low)</c>, <c>floor(high)</c> (swapped if low &gt; high):
/// maxima with m &gt; high are edges, maxima with m &gt; low are candidates kept if 8-connected to an edge (hysteresis).</item>
/// </list>
/// Output: a gray image, 255 on edges, 0 elsewhere.
/// </summary>
public static class CannyEdgeDetector
{
    private const int CannyShift = 15;
    private const int Tg22 = 13573; // (int)(tan(22.5°) · 2^15 + 0.5)

    /// <summary>Edges of <paramref name="image"/>; BFL's Canny control uses thresholds 50 and 200.</summary>
    public static PixelImage Detect(PixelImage image, double lowThreshold = 50, double highThreshold = 200)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (lowThreshold > highThreshold)
        {
            (lowThreshold, highThreshold) = (highThreshold, lowThreshold);
        }
        int low = (int)Math.Floor(lowThreshold);
        int high = (int)Math.Floor(highThreshold);
        int w = image.Width, h = image.Height;
        var (mag, dx, dy) = Gradients(image);

        // map: 0 candidate, 1 not an edge, 2 edge; one-pixel border of 1 around the image.
        int mw = w + 2;
        var map = new byte[mw * (h + 2)];
        Array.Fill(map, (byte)1);
        var stack = new Stack<int>();
        int Mag(int x, int y) => x < 0 || y < 0 || x >= w || y >= h ? 0 : mag[(y * w) + x];

        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int i = (y * w) + x;
                int m = mag[i];
                if (m <= low || !IsLocalMaximum(m, dx[i], dy[i], x, y, Mag))
                {
                    continue;
                }
                int mi = ((y + 1) * mw) + x + 1;
                if (m > high)
                {
                    map[mi] = 2;
                    stack.Push(mi);
                }
                else
                {
                    map[mi] = 0;
                }
            }
        }

        while (stack.Count > 0)
        {
            int mi = stack.Pop();
            foreach (int d in (ReadOnlySpan<int>)[-1, 1, -mw - 1, -mw, -mw + 1, mw - 1, mw, mw + 1])
            {
                if (map[mi + d] == 0)
                {
                    map[mi + d] = 2;
                    stack.Push(mi + d);
                }
            }
        }

        var edges = new PixelImage(w, h, 1);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                edges.Pixels[(y * w) + x] = map[((y + 1) * mw) + x + 1] == 2 ? (byte)255 : (byte)0;
            }
        }
        return edges;
    }

    private static bool IsLocalMaximum(int m, int xs, int ys, int x, int y, Func<int, int, int> mag)
    {
        int ax = Math.Abs(xs);
        int ay = Math.Abs(ys) << CannyShift;
        int tg22x = ax * Tg22;
        if (ay < tg22x)
        {
            return m > mag(x - 1, y) && m >= mag(x + 1, y);
        }
        int tg67x = tg22x + (ax << (CannyShift + 1));
        if (ay > tg67x)
        {
            return m > mag(x, y - 1) && m >= mag(x, y + 1);
        }
        int s = (xs ^ ys) < 0 ? -1 : 1;
        return m > mag(x - s, y - 1) && m > mag(x + s, y + 1);
    }

    /// <summary>Per-pixel L1 magnitude and the dx, dy of the channel that has the largest magnitude.</summary>
    private static (int[] Mag, int[] Dx, int[] Dy) Gradients(PixelImage image)
    {
        int w = image.Width, h = image.Height, cn = image.Channels;
        byte[] p = image.Pixels;
        var mag = new int[w * h];
        var dx = new int[w * h];
        var dy = new int[w * h];
        for (int y = 0; y < h; y++)
        {
            int ym = Math.Max(y - 1, 0), yp = Math.Min(y + 1, h - 1);
            for (int x = 0; x < w; x++)
            {
                int xm = Math.Max(x - 1, 0), xp = Math.Min(x + 1, w - 1);
                int best = -1;
                for (int c = 0; c < cn; c++)
                {
                    int P(int xx, int yy) => p[(((yy * w) + xx) * cn) + c];
                    int gx = (P(xp, ym) - P(xm, ym)) + (2 * (P(xp, y) - P(xm, y))) + (P(xp, yp) - P(xm, yp));
                    int gy = (P(xm, yp) - P(xm, ym)) + (2 * (P(x, yp) - P(x, ym))) + (P(xp, yp) - P(xp, ym));
                    int m = Math.Abs(gx) + Math.Abs(gy);
                    if (m > best)
                    {
                        best = m;
                        int i = (y * w) + x;
                        mag[i] = m;
                        dx[i] = gx;
                        dy[i] = gy;
                    }
                }
            }
        }
        return (mag, dx, dy);
    }
}
