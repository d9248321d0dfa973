using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FluxOnnx.Bench.LargeModels;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Graphs.Models.Flux;

namespace FluxOnnx.Bench.Conversion;

/// <summary>
/// The child side of <see cref="ConvertFullCommand"/>: <c>convert-full-phase generate PATH DOUBLE SINGLE</c>,
/// <c>convert-full-phase copy SOURCE DESTINATION</c> or <c>convert-full-phase convert CHECKPOINT PACKAGE</c>. Each runs
/// in a fresh process so that its <c>VmHWM</c> is its own; it prints a <see cref="PhaseResult"/> line.
/// </summary>
internal static class ConvertFullPhase
{
    private const int CopyBufferBytes = 1 << 20;

    public static int Run(string[] args)
    {
        using var sampler = new MemorySampler();
        var stages = new List<KeyValuePair<string, double>>();
        var watch = Stopwatch.StartNew();
        long bytes;
        switch (args[0])
        {
            case "generate":
                var config = FluxConfig.FluxSchnell with
                {
                    Depth = int.Parse(args[2], CultureInfo.InvariantCulture),
                    DepthSingleBlocks = int.Parse(args[3], CultureInfo.InvariantCulture),
                };
                bytes = SyntheticFluxCheckpoint.Write(args[1], config.Validate());
                break;
            case "copy":
                bytes = Copy(args[1], args[2]);
                break;
            case "convert":
                var progress = new StageClock(watch, stages);
                PackageConverter.Convert(new ConvertRequest(args[2], Transformer: args[1], Precision: PhasePrecision(args)), progress);
                progress.Finish();
                bytes = Directory.EnumerateFiles(args[2], "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
                break;
            default:
                Console.Error.WriteLine($"convert-full-phase: unknown phase '{args[0]}'");
                return 2;
        }
        double seconds = watch.Elapsed.TotalSeconds;
        long hwm = sampler.Stop();
        var result = new PhaseResult(seconds, hwm, sampler.PeakAnonBytes, sampler.PeakFileBytes, bytes, stages);
        Console.WriteLine(PhaseResult.Marker + JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>A plain streamed copy (1 MiB buffer), flushed to disk like the converter's outputs.</summary>
    /// <summary>The optional fourth argument of the convert phase (a <see cref="PackageNames"/> precision name; fp32 when absent).</summary>
    private static FluxOnnx.Precision PhasePrecision(string[] args) =>
        args.Length <= 3 ? FluxOnnx.Precision.Fp32
        : PackageNames.TryParse(args[3], out FluxOnnx.Precision precision) ? precision
        : throw new ArgumentException($"convert-full-phase: precision: expected one of {string.Join(", ", PackageNames.Precisions)}, got '{args[3]}'", nameof(args));

    private static long Copy(string source, string destination)
    {
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferBytes, FileOptions.SequentialScan);
        using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferBytes);
        input.CopyTo(output, CopyBufferBytes);
        output.Flush(flushToDisk: true);
        return output.Length;
    }

    /// <summary>Synchronous progress: seconds from one stage's first report to the next stage's first report.</summary>
    private sealed class StageClock(Stopwatch watch, List<KeyValuePair<string, double>> stages) : IProgress<ConvertProgress>
    {
        private string? _stage = "open checkpoint, build graph";
        private double _since;

        public void Report(ConvertProgress value)
        {
            // "hashing flux.safetensors" and "hashing package" are stages of their own.
            if (value.Stage == _stage) return;
            Close();
            _stage = value.Stage;
            _since = watch.Elapsed.TotalSeconds;
        }

        public void Finish() => Close();

        private void Close()
        {
            if (_stage is not null) stages.Add(KeyValuePair.Create(_stage, watch.Elapsed.TotalSeconds - _since));
        }
    }
}
