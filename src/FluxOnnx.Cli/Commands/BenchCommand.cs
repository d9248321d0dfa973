using System.CommandLine;
using System.Globalization;
using FluxOnnx.Tools.Benchmarking;
using FluxOnnx.Cli.Rendering;
using FluxOnnx.Tools.BuiltIn;
using FluxOnnx.Runtime.Providers;

namespace FluxOnnx.Cli.Commands;

/// <summary>
/// <c>flux bench</c>: a warm-up then N timed generations; per-stage times, peak working set, images per minute
/// and per-step FLOP/s against the machine's measured GEMM peak, written as JSON and markdown.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var package = new Option<string?>("--package") { Description = "Model package (default: the built-in tiny model)." };
        var provider = new Option<string>("--provider") { Description = "cpu, cuda, tensorrt, directml or auto.", DefaultValueFactory = _ => "cpu" };
        var runs = new Option<int>("--runs") { Description = "Measured runs after one warm-up.", DefaultValueFactory = _ => 3 };
        var width = new Option<int?>("--width") { Description = "Image width (default: the package's)." };
        var height = new Option<int?>("--height") { Description = "Image height (default: the package's)." };
        var steps = new Option<int?>("--steps") { Description = "Steps (default: the package's)." };
        var threads = new Option<int?>("--threads") { Description = "Intra-op threads (default: ONNX Runtime's choice)." };
        threads.NonNegative();
        var json = new Option<string?>("--json") { Description = "Write the report as JSON here." };
        var markdown = new Option<string?>("--markdown") { Description = "Write the report as markdown (with an SVG stage chart) here." };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "Where the built-in model is kept." };
        var command = new Command("bench", "Benchmark a package: per-stage times, memory, FLOP/s vs the GEMM peak.")
        {
            package, provider, runs, width, height, steps, threads, json, markdown, cacheDir,
        };
        command.SetAction((parse, ct) =>
        {
            var log = parse.InvocationConfiguration.Error;
            var packagePath = parse.GetValue(package) ?? new StageProgress(log).Run(report => BuiltInModel.EnsurePackage(
                parse.GetValue(cacheDir) ?? CachePaths.Root(),
                new Reporter<Converter.Conversion.ConvertProgress>(p => report("preparing built-in model: " + p.Stage, p.Done, p.Total)), ct));
            var request = new BenchmarkRequest(packagePath, ExecutionProviderParser.Parse(parse.GetRequiredValue(provider)),
                parse.GetValue(runs), parse.GetValue(width), parse.GetValue(height), parse.GetValue(steps), parse.GetValue(json), parse.GetValue(markdown))
            {
                IntraOpThreads = parse.GetValue(threads) ?? 0,
            };
            var result = new StageProgress(log).Run(report => BenchmarkRunner.Run(request,
                new Reporter<BenchmarkProgress>(p => report($"{p.Phase.ToString().ToLowerInvariant()} run {p.Run}", p.Run, p.Runs)), ct));
            var stdout = parse.InvocationConfiguration.Output;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Provider} {result.Precision.Name()} {result.Width}x{result.Height}, {result.Steps} steps: total {result.Total.MedianMs:0.0} ms (text {result.TextEncode.MedianMs:0.0}, step median {result.Step.MedianMs:0.0}, decode {result.Decode.MedianMs:0.0}); peak working set {result.PeakWorkingSetBytes / (1024.0 * 1024):0} MiB; GEMM peak {result.Gemm.Gflops:0.0} GFLOP/s; step {result.StepGflops:0.0} GFLOP/s"));
            foreach (var path in new[] { request.JsonPath, request.MarkdownPath }.OfType<string>())
            {
                stdout.WriteLine($"wrote {Path.GetFullPath(path)}");
            }
            return Task.FromResult(0);
        });
        return command;
    }
}
