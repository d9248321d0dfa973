using FluxOnnx.Tools.Benchmarking;

namespace FluxOnnx.Tools.Tests.Benchmarking;

/// <summary>A report with fixed, made-up numbers for the renderer tests (no timing is measured).</summary>
internal static class FixedReport
{
    public static BenchmarkReport Create(double? stepFlops = 2e9)
    {
        RunTiming[] runs =
        [
            new(10, [100, 90, 95], 50, 400),
            new(12, [110, 80, 85], 40, 420),
        ];
        var step = TimingSummary.Of(runs.SelectMany(r => r.StepMs));
        var gemm = new GemmProbeResult(1024, 3072, 3072, 5, 200, 210, 96.6);
        double? gflops = stepFlops / (step.MedianMs * 1e-3) / 1e9;
        return new BenchmarkReport("models/tiny <&>", Variant.Schnell, "cpu", Precision.Fp32, 2, 64, 48, 3, 12, 16, 1, runs,
            TimingSummary.Of(runs.Select(r => r.TextEncodeMs)), step,
            [.. Enumerable.Range(0, 3).Select(i => TimingSummary.Of(runs.Select(r => r.StepMs[i])))],
            TimingSummary.Of(runs.Select(r => r.DecodeMs)), TimingSummary.Of(runs.Select(r => r.TotalMs)),
            1234, 512L << 20, 60_000 / 410.0, stepFlops, gflops, gemm, gflops / gemm.Gflops,
            new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
    }
}
