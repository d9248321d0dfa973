using System.Globalization;
using System.Text;

namespace FluxOnnx.Tools.Benchmarking;

/// <summary>
/// The markdown form of a <see cref="BenchmarkReport"/>: a settings line, a per-stage table (median, min, max), the
/// throughput and FLOP comparison, and the per-stage chart as inline SVG (<see cref="StageChartSvg"/>).
/// </summary>
public static class BenchmarkMarkdown
{
    public static string Render(BenchmarkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.Append("# flux bench\n\n");
        md.Append(c, $"Package `{report.Package}` ({report.Variant.Name()}, {report.Precision.Name()}), provider {report.Provider}, ")
          .Append(c, $"{(report.IntraOpThreads == 0 ? "ORT-chosen" : report.IntraOpThreads.ToString(c))} intra-op threads; ")
          .Append(c, $"{report.Width}×{report.Height} ({report.ImageTokens} image + {report.TextTokens} text tokens), {report.Steps} steps; ")
          .Append(c, $"{report.WarmupRuns} warm-up + {report.Runs.Count} measured runs, started {report.StartedUtc:yyyy-MM-dd HH:mm:ss} UTC.\n\n");

        md.Append("## Time per stage\n\n");
        md.Append("| stage | median ms | min ms | max ms |\n|---|---:|---:|---:|\n");
        Row(md, "text encoding", report.TextEncode);
        Row(md, "one step (all steps pooled)", report.Step);
        for (int i = 0; i < report.StepByIndex.Count; i++)
        {
            Row(md, "step " + (i + 1).ToString(c), report.StepByIndex[i]);
        }
        Row(md, "decode", report.Decode);
        Row(md, "total", report.Total);
        md.Append('\n');
        md.Append(StageChartSvg.Render(report));
        md.Append('\n');

        md.Append("## Throughput and memory\n\n");
        md.Append("| measure | value |\n|---|---:|\n");
        md.Append(c, $"| images per minute | {report.ImagesPerMinute:F3} |\n");
        md.Append(c, $"| open (sessions created) | {report.OpenMs:F0} ms |\n");
        md.Append(c, $"| peak working set | {report.PeakWorkingSetBytes / (1024.0 * 1024):F0} MiB |\n");
        md.Append(c, $"| GEMM probe {report.Gemm.M}×{report.Gemm.K}·{report.Gemm.K}×{report.Gemm.N} fp32 | best {report.Gemm.BestMs:F1} ms, median {report.Gemm.MedianMs:F1} ms = {report.Gemm.Gflops:F1} GFLOP/s |\n");
        if (report.StepFlops is { } flops && report.StepGflops is { } gflops && report.StepFractionOfGemmPeak is { } fraction)
        {
            md.Append(c, $"| FLOPs per step | {flops / 1e9:F2} GFLOP |\n");
            md.Append(c, $"| achieved per step (median) | {gflops:F1} GFLOP/s = {100 * fraction:F1} % of the GEMM probe |\n");
        }
        else
        {
            md.Append("| FLOPs per step | not counted: the manifest has no transformer config |\n");
        }
        md.Append("\nFLOPs count the matrix products of every Linear and attention's QKᵀ and AV (see `TransformerFlops`); ")
          .Append("peak working set is the process's high-water mark (VmHWM on Linux).\n");
        return md.ToString();
    }

    private static void Row(StringBuilder md, string stage, TimingSummary s) =>
        md.Append(CultureInfo.InvariantCulture, $"| {stage} | {s.MedianMs:F1} | {s.MinMs:F1} | {s.MaxMs:F1} |\n");
}
