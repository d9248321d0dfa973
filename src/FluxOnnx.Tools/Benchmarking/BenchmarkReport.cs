namespace FluxOnnx.Tools.Benchmarking;

/// <summary>
/// The result of <see cref="BenchmarkRunner.Run"/>: the setting, every measured run, the per-stage summaries, memory,
/// throughput and the FLOP comparison. <see cref="BenchmarkJson"/> and <see cref="BenchmarkMarkdown"/> render it.
/// </summary>
/// <param name="Package">Package folder benchmarked.</param>
/// <param name="Variant">Manifest variant (schnell, dev, ...).</param>
/// <param name="Provider">Primary execution provider, lower-case (e.g. <c>cpu</c>).</param>
/// <param name="Precision">Manifest precision (e.g. <c>fp32</c>).</param>
/// <param name="IntraOpThreads">Requested ORT intra-op threads (0 = ORT's choice).</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
/// <param name="Steps">Denoising steps per run.</param>
/// <param name="ImageTokens">Packed image tokens per item, (H/16)·(W/16).</param>
/// <param name="TextTokens">T5 tokens per item (the package's fixed length).</param>
/// <param name="WarmupRuns">Unmeasured runs before the measured ones (1).</param>
/// <param name="Runs">Every measured run, in order.</param>
/// <param name="TextEncode">Text encoding over the runs.</param>
/// <param name="Step">Every step of every run pooled: median and spread of one step.</param>
/// <param name="StepByIndex">Step i over the runs (i = 0 .. Steps − 1).</param>
/// <param name="Decode">Decoding over the runs.</param>
/// <param name="Total">Whole generate calls over the runs.</param>
/// <param name="OpenMs">Opening the package and creating every session (once, before the warm-up).</param>
/// <param name="PeakWorkingSetBytes">The process's peak resident memory after the runs (Linux <c>VmHWM</c>, else
/// <c>Process.PeakWorkingSet64</c>): a process-wide high-water mark, so it includes anything the caller held before.</param>
/// <param name="ImagesPerMinute">60 000 / median total ms.</param>
/// <param name="StepFlops">FLOPs of one step per <see cref="TransformerFlops.PerStep"/>; null when the manifest lacks the transformer config.</param>
/// <param name="StepGflops">Achieved GFLOP/s of the median step; null with <see cref="StepFlops"/>.</param>
/// <param name="Gemm">The GEMM probe on the same provider and threads.</param>
/// <param name="StepFractionOfGemmPeak">StepGflops / Gemm.Gflops; null with <see cref="StepFlops"/>.</param>
/// <param name="StartedUtc">When the benchmark started.</param>
public sealed record BenchmarkReport(
    string Package,
    Variant Variant,
    string Provider,
    Precision Precision,
    int IntraOpThreads,
    int Width,
    int Height,
    int Steps,
    long ImageTokens,
    int TextTokens,
    int WarmupRuns,
    IReadOnlyList<RunTiming> Runs,
    TimingSummary TextEncode,
    TimingSummary Step,
    IReadOnlyList<TimingSummary> StepByIndex,
    TimingSummary Decode,
    TimingSummary Total,
    double OpenMs,
    long PeakWorkingSetBytes,
    double ImagesPerMinute,
    double? StepFlops,
    double? StepGflops,
    GemmProbeResult Gemm,
    double? StepFractionOfGemmPeak,
    DateTimeOffset StartedUtc);
