using System.Globalization;

namespace FluxOnnx.Server.Tests.Support;

/// <summary>Reads one sample of the server's Prometheus text by its full series name (with labels as printed).</summary>
internal static class MetricsText
{
    public static async Task<double?> SampleAsync(HttpClient http, string series)
    {
        var text = await http.GetStringAsync("metrics");
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
            }
        }
        return null;
    }

    /// <summary>Polls until the series reaches <paramref name="atLeast"/> or <paramref name="timeout"/> passes; returns the last value.</summary>
    public static async Task<double?> WaitForAsync(HttpClient http, string series, double atLeast, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        double? value;
        while ((value = await SampleAsync(http, series)) is null || value < atLeast)
        {
            if (DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(50);
        }
        return value;
    }
}
