using FluxOnnx.Tools.Benchmarking;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FluxOnnx.Bench.Flux;
using FluxOnnx.Bench.LargeModels;
using FluxOnnx.Bench.Measuring;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Packaging;

namespace FluxOnnx.Bench.SessionTuning;

/// <summary>
/// <c>session-options-run MODEL VARIANT IMG_TOKENS DOUBLE SINGLE</c>, the child side of <c>session-options</c>: loads
/// the step graph with <see cref="SessionVariant.For"/>, runs it once to warm up and once timed, and prints the load
/// and run times with VmRSS / VmHWM after the load and VmHWM after the runs.
/// </summary>
internal static class SessionVariantRun
{
    public static int Run(string[] args)
    {
        string model = args[0], variant = args[1];
        int imgTokens = Int(args[2]), depth = Int(args[3]), depthSingle = Int(args[4]);
        var config = FluxConfig.FluxDev with { Depth = depth, DepthSingleBlocks = depthSingle };
        BenchSessions.LogErrorsOnly();
        var feeds = BenchSessions.Wrap(FluxAttentionTiming.Inputs(config, imgTokens, 256));
        try
        {
            var clock = Stopwatch.StartNew();
            using var session = BenchSessions.Open(model, SessionVariant.For(variant));
            double load = clock.Elapsed.TotalMilliseconds;
            long rss = Rss(), peakAfterLoad = PeakWorkingSet.Bytes();
            clock.Restart();
            using (session.Run(feeds, [FluxIo.Latent])) { }
            double warmup = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            using (session.Run(feeds, [FluxIo.Latent])) { }
            double step = clock.Elapsed.TotalMilliseconds;
            var result = new SessionVariantResult(load, warmup, step, rss, peakAfterLoad, PeakWorkingSet.Bytes());
            Console.WriteLine(SessionVariantResult.Marker + JsonSerializer.Serialize(result));
            return 0;
        }
        finally
        {
            BenchSessions.DisposeAll(feeds.Values);
        }
    }

    private static long Rss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }
        return 0;
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}
