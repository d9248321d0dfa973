namespace FluxOnnx.Bench.SessionTuning;

/// <summary>What one <c>session-options-run</c> child measured (one JSON line after <see cref="Marker"/>).</summary>
internal sealed record SessionVariantResult(double LoadMs, double WarmupMs, double StepMs, long RssAfterLoadBytes, long PeakAfterLoadBytes, long PeakBytes)
{
    public const string Marker = "SESSION-OPTIONS-RESULT ";
}
