namespace FluxOnnx.Imaging;

/// <summary>
/// The five PNG scanline filters (PNG spec §9.2–9.4), byte-wise on one row. <c>bpp</c> is bytes per complete
/// pixel rounded up to at least 1; the byte "left" of the first pixel and the row "above" the first row are 0.
/// </summary>
internal static class PngFilters
{
    /// <summary>
    /// Reverses <paramref name="filter"/> in place on <paramref name="row"/> (the row without its filter byte);
    /// <paramref name="prior"/> is the previous unfiltered row of the same pass, all zeros for the first row.
    /// </summary>
    public static void Unfilter(PngFilter filter, Span<byte> row, ReadOnlySpan<byte> prior, int bpp)
    {
        switch (filter)
        {
            case PngFilter.None:
                break;
            case PngFilter.Sub:
                for (int i = bpp; i < row.Length; i++)
                {
                    row[i] = (byte)(row[i] + row[i - bpp]);
                }
                break;
            case PngFilter.Up:
                for (int i = 0; i < row.Length; i++)
                {
                    row[i] = (byte)(row[i] + prior[i]);
                }
                break;
            case PngFilter.Average:
                for (int i = 0; i < row.Length; i++)
                {
                    int left = i >= bpp ? row[i - bpp] : 0;
                    row[i] = (byte)(row[i] + ((left + prior[i]) >> 1));
                }
                break;
            case PngFilter.Paeth:
                for (int i = 0; i < row.Length; i++)
                {
                    int left = i >= bpp ? row[i - bpp] : 0;
                    int upperLeft = i >= bpp ? prior[i - bpp] : 0;
                    row[i] = (byte)(row[i] + Paeth(left, prior[i], upperLeft));
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(filter), filter, "PNG filter types are 0..4");
        }
    }

    /// <summary>Writes <paramref name="filter"/> applied to <paramref name="row"/> into <paramref name="output"/> (same length).</summary>
    public static void Apply(PngFilter filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, int bpp, Span<byte> output)
    {
        for (int i = 0; i < row.Length; i++)
        {
            int left = i >= bpp ? row[i - bpp] : 0;
            int up = prior[i];
            int upperLeft = i >= bpp ? prior[i - bpp] : 0;
            int predictor = filter switch
            {
                PngFilter.None => 0,
                PngFilter.Sub => left,
                PngFilter.Up => up,
                PngFilter.Average => (left + up) >> 1,
                PngFilter.Paeth => Paeth(left, up, upperLeft),
                _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "PNG filter types are 0..4"),
            };
            output[i] = (byte)(row[i] - predictor);
        }
    }

    /// <summary>
    /// The "minimum sum of absolute differences" heuristic (PNG spec §12.8, libpng's default): the sum of the
    /// filtered bytes read as signed values, lower is better.
    /// </summary>
    public static long SignedAbsSum(ReadOnlySpan<byte> filtered)
    {
        long sum = 0;
        foreach (byte b in filtered)
        {
            sum += Math.Abs((int)(sbyte)b);
        }
        return sum;
    }

    /// <summary>The Paeth predictor (PNG spec §9.4): whichever of a (left), b (above), c (upper left) is closest to a + b − c, ties a, b, c.</summary>
    public static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a);
        int pb = Math.Abs(p - b);
        int pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc)
        {
            return a;
        }
        return pb <= pc ? b : c;
    }
}
