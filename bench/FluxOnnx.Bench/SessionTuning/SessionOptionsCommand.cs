using System.Globalization;
using FluxOnnx.Bench.Flux;
using FluxOnnx.Bench.Measuring;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Tools.Benchmarking;

namespace FluxOnnx.Bench.SessionTuning;

/// <summary>
/// Measured console path <c>session-options</c>: speed and peak memory of one real-width FLUX.1 [dev] transformer
/// step (as <c>targets</c> builds it, default fp32, 1 double + 1 single block, 1024 + 256 tokens) under each
/// <see cref="SessionVariant"/>: ORT's defaults, prepacking off, arena off, memory pattern off, all three off,
/// spinning off, and 0 intra-op threads (ORT's choice) instead of 2. Each variant runs in its own child process
/// (load, one warm-up run, one timed run; VmHWM per variant), variants interleaved round by round; the step time is
/// each variant's fastest over the rounds.
/// Usage: <c>dotnet run -c Release --project bench/FluxOnnx.Bench -- session-options [--precision fp32|int8|int4]
/// [--tokens N] [--blocks D S] [--rounds N] [--variants a,b,...]</c>.
/// </summary>
internal static class SessionOptionsCommand
{
    public static int Run(string[] args)
    {
        var precision = FluxOnnx.Precision.Fp32;
        int imgTokens = 1024, depth = 1, depthSingle = 1, rounds = 2;
        string[] variants = SessionVariant.Names;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--precision":
                    if (!PackageNames.TryParse(args[++i], out precision))
                    {
                        Console.Error.WriteLine($"--precision: expected one of {string.Join(", ", PackageNames.Precisions)}, got '{args[i]}'");
                        return 2;
                    }
                    break;
                case "--tokens": imgTokens = Int(args[++i]); break;
                case "--blocks": depth = Int(args[++i]); depthSingle = Int(args[++i]); break;
                case "--rounds": rounds = Int(args[++i]); break;
                case "--variants": variants = args[++i].Split(','); break;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}; usage: session-options [--precision P] [--tokens N] [--blocks D S] [--rounds N] [--variants a,b,...]");
                    return 2;
            }
        }
        foreach (var v in variants) _ = SessionVariant.For(v); // unknown names fail before any work

        var config = FluxConfig.FluxDev with { Depth = depth, DepthSingleBlocks = depthSingle };
        string load0 = LoadAverage.Read();
        Console.WriteLine($"load average at start: {load0}");
        string folder = Directory.CreateTempSubdirectory("fluxonnx-bench-session-options-").FullName;
        try
        {
            string model = RandomFluxStep.Write(config, precision, folder);
            long weightBytes = Directory.EnumerateFiles(Path.GetDirectoryName(model)!).Sum(f => new FileInfo(f).Length);
            var results = variants.ToDictionary(v => v, _ => new List<SessionVariantResult>());
            for (int round = 0; round < rounds; round++)
            {
                foreach (var variant in variants)
                {
                    var r = ChildProcess.Run<SessionVariantResult>(SessionVariantResult.Marker, "session-options-run",
                        model, variant, Str(imgTokens), Str(depth), Str(depthSingle));
                    results[variant].Add(r);
                    Console.WriteLine($"round {round}: {variant,-16} load {r.LoadMs,7:F0} ms  warm-up {r.WarmupMs,7:F0} ms  step {r.StepMs,7:F0} ms  " +
                                      $"VmHWM load {Mib(r.PeakAfterLoadBytes),6:F0} MiB  run {Mib(r.PeakBytes),6:F0} MiB   (load average {LoadAverage.Read()})");
                }
            }
            string load1 = LoadAverage.Read();
            Console.WriteLine($"load average at end: {load1}");
            Console.WriteLine();
            Console.WriteLine($"{precision.Name()}, {depth} double + {depthSingle} single blocks at width {config.HiddenSize}, {imgTokens} + 256 tokens, model files {Mib(weightBytes):F0} MiB; " +
                              $"{rounds} interleaved round(s), one child process per variant and round; load average {load0} at start, {load1} at end.");
            Console.WriteLine();
            Console.WriteLine("| variant | step (min) | step vs default | load | VmRSS after load | VmHWM after load | VmHWM after 2 runs | peak vs default |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            var baseline = results[variants[0]];
            double baseStep = baseline.Min(r => r.StepMs), basePeak = baseline.Max(r => r.PeakBytes);
            foreach (var variant in variants)
            {
                var rs = results[variant];
                double step = rs.Min(r => r.StepMs), peak = rs.Max(r => r.PeakBytes);
                Console.WriteLine($"| {variant} | {step:F0} ms | {step / baseStep:F2}× | {TimingSummary.Of(rs.Select(r => r.LoadMs)).MinMs / 1000:F1} s | " +
                                  $"{Mib(rs.Max(r => r.RssAfterLoadBytes)):F0} MiB | {Mib(rs.Max(r => r.PeakAfterLoadBytes)):F0} MiB | {Mib(peak):F0} MiB | {peak / basePeak:F2}× |");
            }
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Mib(double bytes) => bytes / 1048576.0;

    private static string Str(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}
