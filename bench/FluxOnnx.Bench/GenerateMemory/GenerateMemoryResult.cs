namespace FluxOnnx.Bench.GenerateMemory;

/// <summary>What one <c>generate-memory-run</c> child measured (one JSON line after <see cref="Marker"/>).</summary>
internal sealed record GenerateMemoryResult(long BaselineRssBytes, long PeakAfterOpenBytes, long PeakBytes, long PeakAnonBytes,
    long PeakFileBytes, double OpenSeconds, double GenerateSeconds)
{
    public const string Marker = "GENERATE-MEMORY-RESULT ";
}
