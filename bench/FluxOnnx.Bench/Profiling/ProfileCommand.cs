using System.Diagnostics;
using System.Globalization;
using FluxOnnx.Bench.Flux;
using FluxOnnx.Bench.Measuring;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Packaging;
using FluxOnnx.Runtime;
using FluxOnnx.Tools.Benchmarking;
using FluxOnnx.Tools.Profiling;

namespace FluxOnnx.Bench.Profiling;

/// <summary>
/// Measured console path <c>profile</c>: ORT's own profiler on one real-width FLUX.1 [dev] transformer step (hidden
/// 3072, 24 heads, seeded <see cref="RandomFluxWeights"/>, default 1 double + 1 single block, 1024 image + 256 text
/// tokens, batch 1), built as <c>targets</c> builds it (<see cref="RandomFluxStep"/>). One warm-up run, then
/// <c>--runs</c> profiled runs; the JSON trace is read by <see cref="OrtProfileReader"/> (warm-up left out) and
/// printed per run as time by <see cref="StepPart"/>, by op type and by module scope.
/// Usage: <c>dotnet run -c Release --project bench/FluxOnnx.Bench -- profile [--tokens 1024|4096] [--blocks D S]
/// [--precision fp32|int8|int4] [--runs N] [--threads N] [--top N] [--keep FILE]</c>.
/// </summary>
internal static class ProfileCommand
{
    private const int TxtTokens = 256;
    private const string Usage = "usage: profile [--tokens N] [--blocks D S] [--precision fp32|int8|int4] [--runs N] [--threads N] [--top N] [--keep FILE]";

    public static int Run(string[] args)
    {
        int imgTokens = 1024, depth = 1, depthSingle = 1, runs = 2, threads = 2, top = 20;
        var precision = FluxOnnx.Precision.Fp32;
        string? keep = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--tokens": imgTokens = Int(args[++i]); break;
                case "--blocks": depth = Int(args[++i]); depthSingle = Int(args[++i]); break;
                case "--precision":
                    if (!PackageNames.TryParse(args[++i], out precision))
                    {
                        Console.Error.WriteLine($"--precision: expected one of {string.Join(", ", PackageNames.Precisions)}, got '{args[i]}'");
                        return 2;
                    }
                    break;
                case "--runs": runs = Int(args[++i]); break;
                case "--threads": threads = Int(args[++i]); break;
                case "--top": top = Int(args[++i]); break;
                case "--keep": keep = args[++i]; break;
                default: Console.Error.WriteLine($"unknown argument {args[i]}; {Usage}"); return 2;
            }
        }
        if (imgTokens < 1 || depth < 0 || depthSingle < 0 || depth + depthSingle < 1 || runs < 1 || threads < 1)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var config = FluxConfig.FluxDev with { Depth = depth, DepthSingleBlocks = depthSingle };
        Console.WriteLine($"load average at start: {LoadAverage.Read()}");
        string folder = Directory.CreateTempSubdirectory("fluxonnx-bench-profile-").FullName;
        try
        {
            string model = RandomFluxStep.Write(config, precision, folder);
            BenchSessions.LogErrorsOnly();
            var settings = new SessionSettings(IntraOpThreads: threads, InterOpThreads: 1) { ProfilePathPrefix = Path.Combine(folder, "ort-profile") };
            var gemmBefore = GemmProbe.Measure(null, threads, runs: 3);
            Console.WriteLine($"GEMM peak before: {gemmBefore.Gflops:F1} GFLOP/s");
            string trace;
            var wall = new List<double>();
            using (var session = BenchSessions.Open(model, settings))
            {
                var feeds = BenchSessions.Wrap(FluxAttentionTiming.Inputs(config, imgTokens, TxtTokens));
                try
                {
                    for (int run = -1; run < runs; run++) // run −1 warms up
                    {
                        var watch = Stopwatch.StartNew();
                        using (session.Run(feeds, [FluxIo.Latent])) watch.Stop();
                        if (run >= 0) wall.Add(watch.Elapsed.TotalMilliseconds);
                        Console.WriteLine($"run {run}: {watch.Elapsed.TotalMilliseconds:F0} ms");
                    }
                }
                finally
                {
                    BenchSessions.DisposeAll(feeds.Values);
                }
                trace = session.Session.EndProfiling();
            }
            var gemmAfter = GemmProbe.Measure(null, threads, runs: 3);
            Console.WriteLine($"GEMM peak after: {gemmAfter.Gflops:F1} GFLOP/s");
            Console.WriteLine($"load average at end: {LoadAverage.Read()}");
            double peak = Math.Max(gemmBefore.Gflops, gemmAfter.Gflops);
            if (keep is not null) File.Copy(trace, keep, overwrite: true);

            var breakdown = ProfileBreakdown.Of(OrtProfileReader.Read(trace, warmupRuns: 1));
            Console.WriteLine();
            Console.WriteLine($"{precision.Name()}, {depth} double + {depthSingle} single blocks at width {config.HiddenSize}, {imgTokens} + {TxtTokens} tokens, {threads} intra-op threads; " +
                              $"{breakdown.Profile.Runs} profiled run(s) after 1 warm-up; wall {string.Join(" / ", wall.Select(w => w.ToString("F0", CultureInfo.InvariantCulture)))} ms");
            double kernels = breakdown.KernelMicrosecondsPerRun, perRun = breakdown.RunMicrosecondsPerRun;
            Console.WriteLine($"per run: model_run {perRun / 1000:F1} ms, kernels {kernels / 1000:F1} ms ({kernels / perRun:P1}), outside kernels {(perRun - kernels) / 1000:F1} ms");
            double linearGflops = breakdown.LinearFlopsPerRun / (breakdown.LinearMicrosecondsPerRun * 1e-6) / 1e9;
            Console.WriteLine($"Linear kernels: {breakdown.LinearFlopsPerRun / 1e9:F0} GFLOP in {breakdown.LinearMicrosecondsPerRun / 1000:F1} ms = {linearGflops:F1} GFLOP/s = {linearGflops / peak:P1} of the GEMM peak ({peak:F1} GFLOP/s, better of before/after)");
            if (breakdown.ArenaInUsePeakBytes is { } inUse && breakdown.ArenaHeldBytes is { } held)
            {
                Console.WriteLine($"CPU arena (trace memory counters): peak in use {inUse / 1048576.0:F0} MiB, held {held / 1048576.0:F0} MiB ({(held - inUse) / 1048576.0:F0} MiB held beyond the peak)");
            }
            // RoPE split: the table depends only on the ids (pe_embedder), the rotation of q and k on the step.
            double table = breakdown.Profile.Nodes.Where(n => n.Node.Contains("/pe_embedder/", StringComparison.Ordinal)).Sum(n => n.DurationMicroseconds) / (double)breakdown.Profile.Runs;
            double rope = breakdown.ByPart.FirstOrDefault(r => r.Key == nameof(StepPart.Rope))?.MicrosecondsPerRun ?? 0;
            Console.WriteLine($"RoPE: table (pe_embedder, ids only) {table / 1000:F2} ms / run = {table / kernels:P3} of the kernels; rotation of q, k (rope_q, rope_k) {(rope - table) / 1000:F1} ms / run = {(rope - table) / kernels:P1}");
            Print("by part", breakdown.ByPart, kernels, int.MaxValue);
            Print("by op type", breakdown.ByOpType, kernels, top);
            Print("by module scope", breakdown.ByScope, kernels, top);
            PrintLinears(breakdown.Profile, peak, breakdown.Profile.Runs, top);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Print(string title, IReadOnlyList<ProfileRow> rows, double total, int top)
    {
        Console.WriteLine();
        Console.WriteLine($"| {title} | ms / run | share | kernels / run |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var row in rows.Take(top))
        {
            Console.WriteLine($"| {row.Key} | {row.MicrosecondsPerRun / 1000:F1} | {row.MicrosecondsPerRun / total:P1} | {row.KernelsPerRun:F0} |");
        }
        if (rows.Count > top)
        {
            double rest = rows.Skip(top).Sum(r => r.MicrosecondsPerRun);
            Console.WriteLine($"| ({rows.Count - top} more) | {rest / 1000:F1} | {rest / total:P1} | |");
        }
    }

    private static void PrintLinears(OrtProfile profile, double peak, int runs, int top)
    {
        Console.WriteLine();
        Console.WriteLine("| Linear kernel | op | input → output | ms / run | GFLOP/s | of GEMM peak |");
        Console.WriteLine("|---|---|---|---:|---:|---:|");
        var rows = profile.Nodes.Where(n => n.LinearFlops() is not null)
            .GroupBy(n => n.Node, StringComparer.Ordinal)
            .Select(g => (Node: g.First(), Us: g.Sum(n => n.DurationMicroseconds) / (double)runs, Flops: g.Sum(n => n.LinearFlops()!.Value) / runs))
            .OrderByDescending(r => r.Us).Take(top);
        foreach (var (node, us, flops) in rows)
        {
            double gflops = flops / (us * 1e-6) / 1e9;
            Console.WriteLine($"| {node.Node} | {node.OpType} | {Dims(node.InputShapes[0])} → {Dims(node.OutputShapes[0])} | {us / 1000:F1} | {gflops:F1} | {gflops / peak:P0} |");
        }
    }

    private static string Dims(IReadOnlyList<long> shape) => string.Join('×', shape);

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}
