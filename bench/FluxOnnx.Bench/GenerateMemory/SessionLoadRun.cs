using FluxOnnx.Tools.Benchmarking;
using System.Globalization;
using FluxOnnx.Bench.LargeModels;
using FluxOnnx.Packaging;
using FluxOnnx.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace FluxOnnx.Bench.GenerateMemory;

/// <summary>
/// <c>generate-memory-load PACKAGE ROLE PREPACK</c>, a child of <c>generate-memory</c>: creates one component's
/// session alone (2 threads, full graph optimization, as the pipeline does; <c>session.disable_prepacking</c> when
/// PREPACK is false) and prints its VmHWM and VmRSS after the load, to split load-time overhead from run-time.
/// </summary>
internal static class SessionLoadRun
{
    public const string Marker = "SESSION-LOAD-RESULT ";

    public static int Run(string[] args)
    {
        var package = ModelPackage.Open(args[0]);
        string role = args[1];
        bool prepack = bool.Parse(args[2]);
        var settings = new SessionSettings(IntraOpThreads: 2, OptimizationLevel: GraphOptimizationLevel.ORT_ENABLE_ALL)
        {
            ConfigEntries = prepack ? new Dictionary<string, string>() : new() { ["session.disable_prepacking"] = "1" },
        };
        using var options = settings.CreateOptions(out _);
        _ = OrtEnv.Instance(); // the process-wide environment exists before the measured load
        long before = Rss();
        using var session = new ModelSession(package.GraphPath(role), options);
        long hwm = PeakWorkingSet.Bytes(), rss = Rss();
        Console.WriteLine(Marker + string.Join(' ', new[] { before, hwm, rss }.Select(v => v.ToString(CultureInfo.InvariantCulture))));
        return 0;
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
}
