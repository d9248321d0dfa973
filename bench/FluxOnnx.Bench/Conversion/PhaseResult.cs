namespace FluxOnnx.Bench.Conversion;

/// <summary>
/// What one child process of <see cref="ConvertFullCommand"/> measured, printed as one JSON line after
/// <see cref="Marker"/> on its stdout.
/// </summary>
/// <param name="Seconds">Wall time of the phase inside the child (process start and JIT excluded).</param>
/// <param name="PeakWorkingSetBytes">The child's <c>VmHWM</c> at the end (exact kernel peak of RssAnon + RssFile + RssShmem).</param>
/// <param name="PeakAnonBytes">Sampled peak of <c>RssAnon</c> (every 100 ms).</param>
/// <param name="PeakFileBytes">Sampled peak of <c>RssFile</c> (mapped file pages, e.g. the memory-mapped checkpoint).</param>
/// <param name="Bytes">Bytes produced: the checkpoint, the copy, or the package folder.</param>
/// <param name="StageSeconds">For the conversion, seconds per converter progress stage in order of first report.</param>
internal sealed record PhaseResult(double Seconds, long PeakWorkingSetBytes, long PeakAnonBytes, long PeakFileBytes, long Bytes,
    IReadOnlyList<KeyValuePair<string, double>> StageSeconds)
{
    public const string Marker = "PHASE-RESULT ";
}
