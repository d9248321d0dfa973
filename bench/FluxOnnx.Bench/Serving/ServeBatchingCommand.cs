using FluxOnnx.Bench.Measuring;
using System.Diagnostics;
using System.Globalization;
using FluxOnnx.Tools.BuiltIn;
using FluxOnnx.Pipeline;
using FluxOnnx.Serving;
using FluxOnnx.Serving.Jobs;

namespace FluxOnnx.Bench.Serving;

/// <summary>
/// <c>serve-batching [--jobs N] [--sizes 64,256] [--steps S] [--batches 1,2,4] [--threads T] [--rounds R]</c>:
/// throughput of <see cref="FluxImageService"/> with the built-in tiny model when N compatible single-image jobs are
/// queued at once, for each batch limit (MaxBatchImages), interleaved over R rounds after one warm-up; prints images/s
/// (best round) and the gain over batch limit 1. Converts the built-in model into a temp folder and deletes it.
/// </summary>
internal static class ServeBatchingCommand
{
    public static int Run(string[] args)
    {
        var jobs = Value(args, "--jobs", 24);
        var steps = Value(args, "--steps", 4);
        var threads = Value(args, "--threads", 2);
        var rounds = Value(args, "--rounds", 2);
        var sizes = List(args, "--sizes", [64, 256]);
        var batches = List(args, "--batches", [1, 2, 4]);
        var root = Directory.CreateTempSubdirectory("flux-bench-serve-").FullName;
        try
        {
            var package = BuiltInModel.EnsurePackage(root);
            Console.WriteLine($"built-in tiny model, {jobs} queued single-image jobs per run, {steps} steps, {threads} intra-op threads, best of {rounds} interleaved rounds");
            Console.WriteLine($"load average at start: {LoadAverage.Read()}");
            Console.WriteLine();
            Console.WriteLine("| size | batch limit | images/s | vs batch 1 |");
            Console.WriteLine("|---|---|---|---|");
            foreach (var size in sizes)
            {
                var best = batches.ToDictionary(b => b, _ => 0.0);
                foreach (var batch in batches)
                {
                    Measure(package, batch, size, steps, threads, Math.Max(batch, 2)); // warm-up
                }
                for (var round = 0; round < rounds; round++)
                {
                    foreach (var batch in batches)
                    {
                        best[batch] = Math.Max(best[batch], Measure(package, batch, size, steps, threads, jobs));
                    }
                }
                foreach (var batch in batches)
                {
                    Console.WriteLine($"| {size}² | {batch} | {best[batch]:0.00} | {best[batch] / best[batches[0]]:0.00}× |");
                }
            }
            Console.WriteLine();
            Console.WriteLine($"load average at end: {LoadAverage.Read()}");
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Images per second for <paramref name="jobs"/> jobs queued at once.</summary>
    private static double Measure(string package, int maxBatch, int size, int steps, int threads, int jobs)
    {
        using var service = new FluxImageService([new ServedPackage(package, "bench")], new FluxImageServiceOptions
        {
            QueueCapacity = jobs,
            MaxBatchImages = maxBatch,
            Pipeline = new PipelineOptions { IntraOpThreads = threads },
        });
        service.LoadAsync().GetAwaiter().GetResult();
        var clock = Stopwatch.StartNew();
        var submitted = Enumerable.Range(0, jobs)
            .Select(i => service.Submit(new ImageJobRequest { Prompt = "bench " + (i % 3), Width = size, Height = size, Steps = steps, Seed = (ulong)i }))
            .ToArray();
        Task.WhenAll(submitted.Select(j => j.Completion)).GetAwaiter().GetResult();
        return jobs / clock.Elapsed.TotalSeconds;
    }

    private static int Value(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static int[] List(string[] args, string name, int[] fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : fallback;
    }

}
