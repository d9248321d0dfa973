using System.Globalization;
using FluxOnnx.Bench.LargeModels;
using FluxOnnx.Ort;
using FluxOnnx.Packaging;

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
        var library = OrtLibrary.Load();
        using var environment = new OrtEnvironment(library);
        using var options = new OrtSessionOptions(library);
        options.SetIntraOpThreads(2);
        options.SetGraphOptimizationLevel(OrtGraphOptimizationLevel.All);
        if (!prepack)
        {
            options.AddConfigEntry("session.disable_prepacking", "1");
        }
        long before = Rss();
        using var session = new OrtSession(environment, package.GraphPath(role), options);
        long hwm = PeakMemory.Bytes(), rss = Rss();
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
