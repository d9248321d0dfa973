using FluxOnnx.Packaging;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using FluxOnnx.Bench.Flux;
using FluxOnnx.Bench.Measuring;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Passes;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Graphs.Writing;
using FluxOnnx.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace FluxOnnx.Bench.Precision;

/// <summary>
/// One transformer step per <c>--precision</c> on ORT CPU (2 intra-op threads): a synthetic FLUX.1 of real width
/// (hidden 3072, 24 heads of 128, axes 16/56/56, context 4096, vec 768) with 1 double + 1 single block, seeded
/// random weights (<see cref="RandomFluxWeights"/>), 1024 image + 256 text tokens, batch 1. Built exactly as the
/// converter builds (policy at the Linear emission point, then <see cref="PrecisionPasses"/>). The WeightRatio
/// column is the written initializer bytes over fp32's, from the same run. Int4/Int8 use the converter's default
/// accuracy_level 4 (int8 compute); the Accuracy0 rows are fp32 compute for comparison.
/// <c>dotnet run -c Release --project bench/FluxOnnx.Bench -- --filter '*PrecisionStepBenchmarks*'</c>
/// <para>One run, 2026-11-22, shared 2-core machine (load fell from ~10 to ~1 during the run; fp32's first
/// iterations were hit by the load), min / median per step: fp32 2.53 / 3.99 s, fp16 2.39 / 2.46 s, bf16 2.00 /
/// 2.05 s (folded to fp32, so fp32's true figure is about this), fp8 3.77 / 4.14 s (DequantizeLinear every step),
/// int8 1.71 / 1.79 s, int4 1.72 / 1.77 s (accuracy_level 4), int4 at level 0 2.05 / 2.19 s, int8 at level 0
/// 3.65 / 3.73 s. Written weights vs fp32 (2141 MB): fp16 0.510, bf16 0.550, fp8 0.326, int8 0.354, int4 0.241
/// (the fp32 embedders — txt_in alone is 4096·3072 — weigh more with only 2 blocks than in the full model).</para>
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class PrecisionStepBenchmarks
{
    private const int ImgTokens = 1024, TxtTokens = 256;

    /// <summary>Written weight bytes per benchmark method, filled by the setups, read by <see cref="WeightRatioColumn"/>.</summary>
    internal static readonly Dictionary<string, long> WeightBytes = new(StringComparer.Ordinal);

    private static readonly FluxConfig Config = FluxConfig.FluxSchnell with { Depth = 1, DepthSingleBlocks = 1 };

    private string? _folder;
    private ModelSession? _session;
    private Dictionary<string, OrtValue> _feeds = [];

    private sealed class ShortInProcessConfig : ManualConfig
    {
        public ShortInProcessConfig()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(4)
                .WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(new WeightRatioColumn());
        }
    }

    [GlobalSetup(Target = nameof(Fp32))] public void SetupFp32() => Open(nameof(Fp32), FluxOnnx.Precision.Fp32);
    [GlobalSetup(Target = nameof(Fp16))] public void SetupFp16() => Open(nameof(Fp16), FluxOnnx.Precision.Fp16);
    [GlobalSetup(Target = nameof(Bf16))] public void SetupBf16() => Open(nameof(Bf16), FluxOnnx.Precision.Bf16);
    [GlobalSetup(Target = nameof(Fp8))] public void SetupFp8() => Open(nameof(Fp8), FluxOnnx.Precision.Fp8);
    [GlobalSetup(Target = nameof(Int8))] public void SetupInt8() => Open(nameof(Int8), FluxOnnx.Precision.Int8);
    [GlobalSetup(Target = nameof(Int4))] public void SetupInt4() => Open(nameof(Int4), FluxOnnx.Precision.Int4);
    [GlobalSetup(Target = nameof(Int4Accuracy0))] public void SetupInt4Accuracy0() => Open(nameof(Int4Accuracy0), FluxOnnx.Precision.Int4, new QuantizationOptions(AccuracyLevel: 0));
    [GlobalSetup(Target = nameof(Int8Accuracy0))] public void SetupInt8Accuracy0() => Open(nameof(Int8Accuracy0), FluxOnnx.Precision.Int8, new QuantizationOptions(AccuracyLevel: 0));

    [Benchmark(Baseline = true)] public float Fp32() => Step();
    [Benchmark] public float Fp16() => Step();
    [Benchmark] public float Bf16() => Step();
    [Benchmark] public float Fp8() => Step();
    [Benchmark] public float Int8() => Step();
    [Benchmark] public float Int4() => Step();
    [Benchmark] public float Int4Accuracy0() => Step();
    [Benchmark] public float Int8Accuracy0() => Step();

    [GlobalCleanup]
    public void Cleanup()
    {
        _session?.Dispose();
        BenchSessions.DisposeAll(_feeds.Values);
        _feeds.Clear();
        if (_folder is not null) Directory.Delete(_folder, recursive: true);
    }

    private float Step()
    {
        using var outputs = _session!.Run(_feeds, [FluxIo.Latent]);
        return outputs[0].GetTensorDataAsSpan<float>()[0];
    }

    private void Open(string method, FluxOnnx.Precision precision, QuantizationOptions? options = null)
    {
        var policy = WeightPolicies.For(precision, options);
        var g = new GraphBuilder(new GraphBuilderOptions { RootScope = "transformer" });
        var registry = new WeightRegistry(g, new Bf16CapableWeights(new RandomFluxWeights(Config)), policy);
        FluxTransformerGraph.Build(g, registry.Root, Config);
        registry.EnsureComplete();
        var model = PrecisionPasses.Apply(g.Build(), policy);
        _folder = Directory.CreateTempSubdirectory("fluxonnx-bench-precision-").FullName;
        string path = Path.Combine(_folder, "transformer.onnx");
        new OnnxModelWriter().Write(model, path);
        lock (WeightBytes) WeightBytes[method] = model.TotalInitializerBytes;

        _session = BenchSessions.Open(path, new SessionSettings(IntraOpThreads: 2, InterOpThreads: 1));

        var random = new Random(11);
        float[] Normal(long n) => Enumerable.Range(0, (int)n).Select(_ => random.NextSingle() * 2 - 1).ToArray();
        var imgIds = new float[ImgTokens * 3];
        for (int i = 0; i < ImgTokens; i++) { imgIds[i * 3 + 1] = i / 32; imgIds[i * 3 + 2] = i % 32; }
        _feeds = BenchSessions.Wrap(new Dictionary<string, (float[] Data, long[] Shape)>
        {
            [FluxIo.HiddenStates] = (Normal(ImgTokens * Config.InChannels), [1, ImgTokens, Config.InChannels]),
            [FluxIo.EncoderHiddenStates] = (Normal(TxtTokens * Config.ContextInDim), [1, TxtTokens, Config.ContextInDim]),
            [FluxIo.PooledProjections] = (Normal(Config.VecInDim), [1, Config.VecInDim]),
            [FluxIo.Timestep] = ([0.75f], [1]),
            [FluxIo.ImgIds] = (imgIds, [ImgTokens, 3]),
            [FluxIo.TxtIds] = (new float[TxtTokens * 3], [TxtTokens, 3]),
        });
    }

    /// <summary>Written weight bytes as a ratio to the fp32 method's, from the same process.</summary>
    private sealed class WeightRatioColumn : IColumn
    {
        public string Id => nameof(WeightRatioColumn);
        public string ColumnName => "WeightRatio";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Written initializer bytes / fp32's";
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            lock (WeightBytes)
            {
                string method = benchmarkCase.Descriptor.WorkloadMethod.Name;
                return WeightBytes.TryGetValue(method, out var bytes) && WeightBytes.TryGetValue(nameof(Fp32), out var fp32)
                    ? $"{(double)bytes / fp32:F3} ({bytes / 1e6:F0} MB)"
                    : "?";
            }
        }
    }
}
