using System.Text.Json;
using FluxOnnx.Tools.Benchmarking;
using FluxOnnx.Tests.Pipeline;
using Xunit;

namespace FluxOnnx.Tools.Tests.Benchmarking;

/// <summary>
/// The runner end to end on the schnell stand-in package: structure only (how many runs and steps, which files and
/// fields), never a time.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class BenchmarkRunnerTests(StandInPackages packages)
{
    [Fact]
    public void Runs_warm_up_plus_N_and_writes_both_reports_atomically()
    {
        var folder = Path.Combine(packages.Root, "bench-" + Guid.NewGuid().ToString("N"));
        var progress = new List<BenchmarkProgress>();
        var report = BenchmarkRunner.Run(
            new BenchmarkRequest(packages.Schnell, Runs: 2, Steps: 3, JsonPath: Path.Combine(folder, "bench.json"),
                MarkdownPath: Path.Combine(folder, "bench.md")) { IntraOpThreads = 1 },
            new SynchronousProgress(progress));

        Assert.Equal(2, report.Runs.Count);
        Assert.All(report.Runs, r => Assert.Equal(3, r.StepMs.Count));
        Assert.Equal((3, 64, 48), (report.Steps, report.Width, report.Height)); // stand-in defaults 64×48
        Assert.Equal(12, report.ImageTokens);
        Assert.Equal("cpu", report.Provider);
        Assert.True(report.PeakWorkingSetBytes > 0);
        Assert.Equal(["bench.json", "bench.md"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "bench.json")));
        Assert.Equal(2, json.RootElement.GetProperty("per_run").GetArrayLength());
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(folder, "bench.md")));

        var phases = progress.Select(p => p.Phase).Distinct().ToArray();
        Assert.Equal([BenchmarkPhase.Opening, BenchmarkPhase.WarmingUp, BenchmarkPhase.Measuring, BenchmarkPhase.ProbingGemm, BenchmarkPhase.Writing], phases);
    }

    [Fact]
    public void Refuses_a_null_package_and_zero_runs()
    {
        Assert.Equal("Package", Assert.Throws<InvalidBenchmarkRequestException>(() => BenchmarkRunner.Run(new BenchmarkRequest(null))).Field.Member);
        Assert.Equal("Runs", Assert.Throws<InvalidBenchmarkRequestException>(() => BenchmarkRunner.Run(new BenchmarkRequest(packages.Schnell, Runs: 0))).Field.Member);
    }

    private sealed class SynchronousProgress(List<BenchmarkProgress> sink) : IProgress<BenchmarkProgress>
    {
        public void Report(BenchmarkProgress value) => sink.Add(value);
    }
}
