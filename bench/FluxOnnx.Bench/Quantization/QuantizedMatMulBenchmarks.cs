using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;
using FluxOnnx.Graphs.Writing;
using FluxOnnx.Bench.Measuring;
using FluxOnnx.Converter.Numerics;
using FluxOnnx.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace FluxOnnx.Bench.Quantization;

/// <summary>
/// One linear layer of FLUX's size, a [1024, 3072] activation times a [3072, 3072] weight, on the ORT CPU provider
/// with 2 intra-op threads, in the three precisions the converter can emit: fp32 MatMul, com.microsoft MatMulNBits
/// (4-bit, blocks of 32, fp32 activations) and FLOAT8E4M3FN weights through DequantizeLinear (per output channel)
/// + MatMul. Short monitoring job in process: each iteration is one session run.
/// <c>dotnet run -c Release --project bench/FluxOnnx.Bench -- --filter '*QuantizedMatMul*'</c>
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class QuantizedMatMulBenchmarks
{
    private const int M = 1024, K = 3072, N = 3072;

    private string? _folder;
    private ModelSession? _session;
    private Dictionary<string, OrtValue> _inputs = [];
    private float[] _a = [];

    private sealed class ShortInProcessConfig : ManualConfig
    {
        public ShortInProcessConfig() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(8)
            .WithToolchain(InProcessEmitToolchain.Instance));
    }

    [GlobalSetup(Target = nameof(Fp32MatMul))]
    public void SetupFp32() => Open("fp32", (g, x, w) => g.MatMul(x, g.Initializer("w", new ArrayTensorSource<float>(w, [K, N]))));

    [GlobalSetup(Target = nameof(Int4MatMulNBits))]
    public void SetupInt4() => Open("int4", (g, x, w) =>
    {
        var (packed, scales) = Int4BlockQuantizer.Quantize(w, K, N);
        int blocks = K / Int4BlockQuantizer.BlockSize;
        return g.MatMulNBits(x, g.Initializer("w.packed", new ArrayTensorSource<byte>(packed, [N, blocks, Int4BlockQuantizer.BlockSize / 2])),
            g.Initializer("w.scales", new ArrayTensorSource<float>(scales, [N, blocks])), null, K, N);
    });

    [GlobalSetup(Target = nameof(Fp8DequantizeMatMul))]
    public void SetupFp8() => Open("fp8", (g, x, w) =>
    {
        // Per output channel (axis 1 of [K, N]): each column's max|w| maps to 448, E4M3FN's largest finite value.
        var scale = new float[N];
        for (int i = 0; i < w.Length; i++) scale[i % N] = Math.Max(scale[i % N], Math.Abs(w[i]) / 448f);
        var codes = new byte[w.Length];
        for (int i = 0; i < w.Length; i++) codes[i] = Float8Format.E4M3FN.Encode(w[i] / scale[i % N]);
        var weight = g.DequantizeLinear(g.Initializer("w.fp8", new ArrayTensorSource<byte>(codes, [K, N], ElementType.Float8E4M3FN)),
            g.Initializer("w.scale", new ArrayTensorSource<float>(scale, [N])), axis: 1);
        return g.MatMul(x, weight);
    });

    [Benchmark(Baseline = true)]
    public float Fp32MatMul() => RunOnce();

    [Benchmark]
    public float Int4MatMulNBits() => RunOnce();

    [Benchmark]
    public float Fp8DequantizeMatMul() => RunOnce();

    [GlobalCleanup]
    public void Cleanup()
    {
        _session?.Dispose();
        BenchSessions.DisposeAll(_inputs.Values);
        if (_folder is not null) Directory.Delete(_folder, recursive: true);
    }

    private float RunOnce()
    {
        using var outputs = _session!.Run(_inputs, ["y"]);
        return outputs[0].GetTensorDataAsSpan<float>()[0];
    }

    /// <summary>Builds y = linear(a) with a seeded weight, writes it, and opens a 2-thread CPU session on it.</summary>
    private void Open(string name, Func<GraphBuilder, Value, float[], Value> linear)
    {
        var random = new Random(7);
        _a = Enumerable.Range(0, M * K).Select(_ => random.NextSingle() * 2 - 1).ToArray();
        var w = Enumerable.Range(0, K * N).Select(_ => (random.NextSingle() * 2 - 1) * 0.05f).ToArray();
        var g = new GraphBuilder();
        g.Output(linear(g, g.Input("a", ElementType.Float, new Shape(M, K)), w), "y");
        _folder = Directory.CreateTempSubdirectory("fluxonnx-bench-qmatmul-").FullName;
        string path = Path.Combine(_folder, name + ".onnx");
        new OnnxModelWriter().Write(g.Build(), path);

        _session = BenchSessions.Open(path, new SessionSettings(IntraOpThreads: 2, InterOpThreads: 1));
        _inputs = new() { ["a"] = OnnxTensors.Wrap(_a, M, K) };
    }
}
