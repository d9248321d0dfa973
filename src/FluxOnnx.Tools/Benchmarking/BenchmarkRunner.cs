using System.Diagnostics;
using System.Globalization;
using FluxOnnx.Runtime.Providers;
using FluxOnnx.Packaging;
using FluxOnnx.Pipeline;
using FluxOnnx.Tools.Files;

namespace FluxOnnx.Tools.Benchmarking;

/// <summary>
/// The library side of <c>flux bench</c>:
/// <code>
///   open package (sessions created, timed) ─► 1 warm-up generate ─► N measured generates (observer clocks each stage)
///        ─► GEMM probe (same library, provider, threads) ─► report (+ JSON / markdown files when asked)
/// </code>
/// The prompt cache is off, so every run encodes its prompt. Nothing is printed: progress goes to
/// <see cref="IProgress{T}"/>, the numbers come back as a <see cref="BenchmarkReport"/>.
/// </summary>
public static class BenchmarkRunner
{
    /// <exception cref="InvalidBenchmarkRequestException"><see cref="BenchmarkRequest.Package"/> is null (the caller resolves the
    /// built-in model) or <see cref="BenchmarkRequest.Runs"/> is below 1.</exception>
    /// <exception cref="InvalidGenerateRequestException">Width, height or steps are not valid for the package.</exception>
    /// <exception cref="PackageException">The package is missing or malformed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static BenchmarkReport Run(BenchmarkRequest request, IProgress<BenchmarkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Package is null)
        {
            throw new InvalidBenchmarkRequestException(nameof(request.Package), "a package folder (the caller resolves the built-in model)", "null");
        }
        if (request.Runs < 1)
        {
            throw new InvalidBenchmarkRequestException(nameof(request.Runs), "at least 1", request.Runs.ToString(CultureInfo.InvariantCulture));
        }
        var started = DateTimeOffset.UtcNow;
        var options = new PipelineOptions
        {
            Provider = request.Provider,
            IntraOpThreads = request.IntraOpThreads,
            PromptCacheCapacity = 0,
        };

        var openWatch = Stopwatch.StartNew();
        var openProgress = Forward(progress, BenchmarkPhase.Opening, 0, request.Runs);
        using var pipeline = FluxPipeline.Open(request.Package, options, openProgress, cancellationToken);
        double openMs = openWatch.Elapsed.TotalMilliseconds;

        var manifest = pipeline.Package.Manifest;
        var generate = new GenerateRequest
        {
            Prompts = [request.Prompt],
            Seeds = [request.Seed],
            Width = request.Width,
            Height = request.Height,
            Steps = request.Steps,
        };
        int width = request.Width ?? manifest.Defaults.Width, height = request.Height ?? manifest.Defaults.Height;
        int steps = request.Steps ?? manifest.Defaults.Steps;

        progress?.Report(new BenchmarkProgress(BenchmarkPhase.WarmingUp, 0, request.Runs));
        pipeline.Generate(generate, Forward(progress, BenchmarkPhase.WarmingUp, 0, request.Runs), cancellationToken: cancellationToken);

        var runs = new List<RunTiming>();
        for (int run = 1; run <= request.Runs; run++)
        {
            progress?.Report(new BenchmarkProgress(BenchmarkPhase.Measuring, run, request.Runs));
            var clock = new StageClock();
            pipeline.Generate(generate, Forward(progress, BenchmarkPhase.Measuring, run, request.Runs), clock, cancellationToken);
            runs.Add(clock.Finish());
        }
        long peak = PeakWorkingSet.Bytes();

        progress?.Report(new BenchmarkProgress(BenchmarkPhase.ProbingGemm, 0, request.Runs));
        var gemm = GemmProbe.Measure(request.Provider, request.IntraOpThreads, cancellationToken: cancellationToken);

        long imageTokens = TransformerFlops.ImageTokens(width, height, manifest.Latent.Downsample);
        var dims = manifest.Components.TryGetValue(ComponentRoles.Transformer, out var transformer)
            ? TransformerDims.FromManifestConfig(transformer.Config)
            : null;
        var report = Summarize(request.Package, manifest, ExecutionProviderNames.Of(pipeline.Providers.Primary), request.IntraOpThreads,
            width, height, steps, imageTokens, dims, openMs, peak, runs, gemm, started);

        if (request.JsonPath is not null || request.MarkdownPath is not null)
        {
            progress?.Report(new BenchmarkProgress(BenchmarkPhase.Writing, 0, request.Runs));
            if (request.JsonPath is not null)
            {
                ReportFile.Write(request.JsonPath, BenchmarkJson.Serialize(report));
            }
            if (request.MarkdownPath is not null)
            {
                ReportFile.Write(request.MarkdownPath, BenchmarkMarkdown.Render(report));
            }
        }
        return report;
    }

    /// <summary>Builds the report from measured runs (internal: tests feed it fixed numbers).</summary>
    internal static BenchmarkReport Summarize(string package, PackageManifest manifest, string provider, int threads, int width, int height,
        int steps, long imageTokens, TransformerDims? dims, double openMs, long peakBytes, IReadOnlyList<RunTiming> runs,
        GemmProbeResult gemm, DateTimeOffset started)
    {
        var step = TimingSummary.Of(runs.SelectMany(r => r.StepMs));
        var byIndex = Enumerable.Range(0, steps).Select(i => TimingSummary.Of(runs.Select(r => r.StepMs[i]))).ToArray();
        var total = TimingSummary.Of(runs.Select(r => r.TotalMs));
        double? flops = dims is null ? null : TransformerFlops.PerStep(dims, imageTokens, manifest.Text.T5);
        double? gflops = flops / (step.MedianMs * 1e-3) / 1e9;
        return new BenchmarkReport(package, manifest.Variant, provider, manifest.Precision, threads, width, height, steps,
            imageTokens, manifest.Text.T5, 1, runs,
            TimingSummary.Of(runs.Select(r => r.TextEncodeMs)), step, byIndex,
            TimingSummary.Of(runs.Select(r => r.DecodeMs)), total, openMs, peakBytes,
            60_000 / total.MedianMs, flops, gflops, gemm, gflops / gemm.Gflops, started);
    }

    private static IProgress<PipelineProgress>? Forward(IProgress<BenchmarkProgress>? progress, BenchmarkPhase phase, int run, int runs) =>
        progress is null ? null : new ForwardingProgress(progress, phase, run, runs);

    private sealed class ForwardingProgress(IProgress<BenchmarkProgress> target, BenchmarkPhase phase, int run, int runs) : IProgress<PipelineProgress>
    {
        public void Report(PipelineProgress value) => target.Report(new BenchmarkProgress(phase, run, runs, value));
    }
}
