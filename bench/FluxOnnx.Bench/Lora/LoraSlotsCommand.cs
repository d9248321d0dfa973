using System.Diagnostics;
using System.Globalization;
using FluxOnnx.Bench.Flux;
using FluxOnnx.Bench.Measuring;
using FluxOnnx.Bench.Precision;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Converter.Lora;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Passes;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Graphs.Writing;
using FluxOnnx.Lora;
using FluxOnnx.Packaging;
using FluxOnnx.Runtime;
using FluxOnnx.Tools.Benchmarking;
using Microsoft.ML.OnnxRuntime;

namespace FluxOnnx.Bench.Lora;

/// <summary>
/// Measured console path <c>lora-slots</c>: the cost of run-time LoRA slots. One fp32 step of a real-width FLUX.1
/// [dev] transformer (hidden 3072, 24 heads, seeded <see cref="RandomFluxWeights"/>, default 1 double + 1 single
/// block) at 1024 image + 256 text tokens, built as the converter builds it: the plain graph, and the graph with
/// slots (<see cref="LoraSlotTargets.WithSlots"/>) of each rank, its <c>lora_down.*</c> / <c>lora_up.*</c> inputs
/// fed a full-rank random LoRA (the slot branch costs the same whatever the values). Runs are interleaved case by
/// case after one warm-up round; medians and the ratio to the plain graph are printed with the load average.
/// Usage: <c>dotnet run -c Release --project bench/FluxOnnx.Bench -- lora-slots [--blocks D S] [--ranks 16,64] [--runs N]</c>.
/// </summary>
internal static class LoraSlotsCommand
{
    private const int Threads = 2, ImgTokens = 1024, TxtTokens = 256;

    public static int Run(string[] args)
    {
        int depth = 1, depthSingle = 1, runs = 5;
        int[] ranks = [16, 64];
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--blocks": depth = Int(args[++i]); depthSingle = Int(args[++i]); break;
                case "--ranks": ranks = [.. args[++i].Split(',').Select(Int)]; break;
                case "--runs": runs = Int(args[++i]); break;
                default: Console.Error.WriteLine($"unknown argument {args[i]}; usage: lora-slots [--blocks D S] [--ranks 16,64] [--runs N]"); return 2;
            }
        }
        if (depth + depthSingle is < 1 or > 2 || depth < 0 || depthSingle < 0 || runs < 1 || ranks.Length == 0 || ranks.Any(r => r < 1))
        {
            Console.Error.WriteLine("--blocks D S must total 1 or 2 blocks (memory), --runs at least 1, --ranks positive");
            return 2;
        }
        var config = FluxConfig.FluxDev with { Depth = depth, DepthSingleBlocks = depthSingle };
        string load0 = LoadAverage.Read();
        Console.WriteLine($"load average at start: {load0}");

        string folder = Directory.CreateTempSubdirectory("fluxonnx-bench-lora-slots-").FullName;
        var disposables = new List<IDisposable>();
        try
        {
            BenchSessions.LogErrorsOnly();
            var basic = FluxAttentionTiming.Inputs(config, ImgTokens, TxtTokens);
            var cases = new List<(string Name, ModelSession Session, Dictionary<string, OrtValue> Feeds)>();
            foreach (var rank in new[] { 0 }.Concat(ranks))
            {
                var path = WriteStep(config, rank, folder);
                var session = BenchSessions.Open(path, new SessionSettings(IntraOpThreads: Threads, InterOpThreads: 1));
                disposables.Add(session);
                var inputs = new Dictionary<string, (float[] Data, long[] Shape)>(basic);
                if (rank > 0)
                {
                    foreach (var (name, tensor) in SlotInputs(config, rank))
                    {
                        inputs[name] = tensor;
                    }
                }
                var feeds = BenchSessions.Wrap(inputs);
                disposables.AddRange(feeds.Values);
                cases.Add((rank == 0 ? "plain" : $"slots r{rank}", session, feeds));
            }
            Console.WriteLine($"graphs written and loaded: {string.Join(", ", cases.Select(c => c.Name))}");

            var times = cases.ToDictionary(c => c.Name, _ => new List<double>());
            for (int round = -1; round < runs; round++) // round −1 warms up
            {
                foreach (var (name, session, feeds) in cases)
                {
                    var watch = Stopwatch.StartNew();
                    using (session.Run(feeds, [FluxIo.Latent])) watch.Stop();
                    if (round >= 0) times[name].Add(watch.Elapsed.TotalMilliseconds);
                    Console.WriteLine($"round {round}: {name} {watch.Elapsed.TotalMilliseconds:F0} ms");
                }
            }
            string load1 = LoadAverage.Read();
            Console.WriteLine($"load average at end: {load1}");

            var t = times.ToDictionary(kv => kv.Key, kv => TimingSummary.Of(kv.Value));
            var plain = t["plain"].MedianMs;
            Console.WriteLine();
            Console.WriteLine($"FLUX.1 dev width (hidden {config.HiddenSize}, {config.NumHeads} heads), {depth} double + {depthSingle} single blocks, fp32, " +
                              $"{ImgTokens} + {TxtTokens} tokens, ORT CPU, {Threads} intra-op threads; {runs} interleaved runs after 1 warm-up; " +
                              $"load average {load0} at start, {load1} at end.");
            Console.WriteLine();
            Console.WriteLine("| graph | slot inputs | median step | min | max | vs plain (median) |");
            Console.WriteLine("|---|---|---|---|---|---|");
            foreach (var (name, _, feeds) in cases)
            {
                var s = t[name];
                var slotBytes = feeds.Where(f => LoraSlotNames.IsSlotInput(f.Key)).Sum(f => f.Value.GetTensorTypeAndShape().ElementCount * 4L);
                Console.WriteLine($"| {name} | {(slotBytes == 0 ? "—" : $"{slotBytes / (1024.0 * 1024):F1} MiB")} | {s.MedianMs:F0} ms | {s.MinMs:F0} ms | {s.MaxMs:F0} ms | {s.MedianMs / plain:F3}× |");
            }
            return 0;
        }
        finally
        {
            foreach (var d in Enumerable.Reverse(disposables)) d.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The fp32 transformer graph with slots of <paramref name="rank"/> (0 = the plain graph), as the converter emits it.</summary>
    private static string WriteStep(FluxConfig config, int rank, string folder) =>
        RandomFluxStep.Write(config, FluxOnnx.Precision.Fp32, folder, loraSlotRank: rank);

    /// <summary>
    /// <c>lora_down.{module}</c> [in, R] and <c>lora_up.{module}</c> [R, out] for every block Linear (2-D block
    /// weights of the checkpoint layout), seeded uniform values of LoRA-like scale.
    /// </summary>
    private static IEnumerable<(string Name, (float[] Data, long[] Shape) Tensor)> SlotInputs(FluxConfig config, int rank)
    {
        var random = new Random(7);
        float[] Values(long count, double scale)
        {
            var v = new float[count];
            for (long i = 0; i < count; i++) v[i] = (float)((random.NextDouble() * 2 - 1) * scale);
            return v;
        }
        foreach (var (name, shape) in FluxCheckpointShapes.Of(config).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (shape.Length != 2 || !name.EndsWith(".weight", StringComparison.Ordinal) || !LoraSlotTargets.IsTarget(name))
            {
                continue;
            }
            var module = name[..^".weight".Length];
            long outF = shape[0], inF = shape[1];
            yield return (LoraSlotNames.Down(module), (Values(inF * rank, 1 / Math.Sqrt(inF)), [inF, rank]));
            yield return (LoraSlotNames.Up(module), (Values(rank * outF, 0.01), [rank, outF]));
        }
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}
