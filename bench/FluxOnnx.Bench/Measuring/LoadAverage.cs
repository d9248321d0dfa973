namespace FluxOnnx.Bench.Measuring;

/// <summary>The 1, 5 and 15 minute load averages from <c>/proc/loadavg</c> ("?" where there is none).</summary>
internal static class LoadAverage
{
    public static string Read()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "?"; }
        catch (UnauthorizedAccessException) { return "?"; }
    }
}
