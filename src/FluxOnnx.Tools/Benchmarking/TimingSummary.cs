namespace FluxOnnx.Tools.Benchmarking;

/// <summary>Median and spread of a set of times in milliseconds.</summary>
/// <param name="MedianMs">The median (mean of the two middle values for an even count).</param>
/// <param name="MinMs">The smallest value.</param>
/// <param name="MaxMs">The largest value.</param>
/// <param name="Count">How many values.</param>
public sealed record TimingSummary(double MedianMs, double MinMs, double MaxMs, int Count)
{
    /// <summary>Summarizes <paramref name="values"/>; throws <see cref="ArgumentException"/> when empty.</summary>
    public static TimingSummary Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("no values to summarize", nameof(values));
        }
        int mid = sorted.Length / 2;
        double median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new TimingSummary(median, sorted[0], sorted[^1], sorted.Length);
    }
}
