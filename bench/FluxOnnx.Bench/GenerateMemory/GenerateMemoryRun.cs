using FluxOnnx.Tools.Benchmarking;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FluxOnnx.Bench.LargeModels;
using FluxOnnx.Pipeline;

namespace FluxOnnx.Bench.GenerateMemory;

/// <summary>
/// <c>generate-memory-run PACKAGE SIZE LOWMEM</c>, the child side of <c>generate-memory</c>: opens the package with
/// 2 intra-op threads (low-memory or not), runs one 4-step generate at SIZE×SIZE, and prints VmRSS before
/// <see cref="FluxPipeline.Open"/>, VmHWM after it and after the generate, and the sampled anon / file-backed peaks.
/// </summary>
internal static class GenerateMemoryRun
{
    public static int Run(string[] args)
    {
        string package = args[0];
        int size = int.Parse(args[1], CultureInfo.InvariantCulture);
        bool lowMemory = bool.Parse(args[2]);
        long baseline = CurrentRss();
        using var sampler = new MemorySampler();
        var clock = Stopwatch.StartNew();
        using var pipeline = FluxPipeline.Open(package, new PipelineOptions { IntraOpThreads = 2, LowMemory = lowMemory });
        double open = clock.Elapsed.TotalSeconds;
        long afterOpen = PeakWorkingSet.Bytes();
        clock.Restart();
        var images = pipeline.Generate(GenerateRequest.For("a photo of a cat", 42) with { Width = size, Height = size, Steps = 4 });
        double generate = clock.Elapsed.TotalSeconds;
        long peak = sampler.Stop();
        GC.KeepAlive(images);
        var result = new GenerateMemoryResult(baseline, afterOpen, peak, sampler.PeakAnonBytes, sampler.PeakFileBytes, open, generate);
        Console.WriteLine(GenerateMemoryResult.Marker + JsonSerializer.Serialize(result));
        return 0;
    }

    private static long CurrentRss()
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
}
