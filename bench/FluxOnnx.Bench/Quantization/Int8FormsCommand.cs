using System.Diagnostics;
using System.Globalization;
using FluxOnnx.Bench.Measuring;
using FluxOnnx.Converter.Quantization;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Tensors;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Graphs.Writing;
using FluxOnnx.Runtime;
using FluxOnnx.Tools.Benchmarking;
using Microsoft.ML.OnnxRuntime;

namespace FluxOnnx.Bench.Quantization;

/// <summary>
/// Measured console path <c>int8-forms</c>: the quantizable Linears of one real-width FLUX.1 [dev] step
/// (<see cref="StepLinearShapes"/>, default 1 double + 1 single block, 1024 + 256 tokens) as one graph of independent
/// Linears per weight form, timed interleaved in one process on ORT CPU (2 intra-op threads):
/// <list type="bullet">
/// <item>fp32 MatMul (the reference);</item>
/// <item>int8 MatMulNBits (blocks of 32, symmetric, accuracy_level 4), what <c>--precision int8</c> emits;</item>
/// <item>dynamic int8: DynamicQuantizeLinear(x) → MatMulInteger(x_u8, W_s8 per output channel) → Cast → Mul(x_scale ·
/// w_scale), the pattern ORT fuses into DynamicQuantizeMatMul (u8·s8 QGEMM);</item>
/// <item>int4 MatMulNBits (blocks of 32, accuracy_level 4), what <c>--precision int4</c> emits.</item>
/// </list>
/// Weights are seeded uniform with variance 1/in, activations uniform ±1; each form's outputs are compared with
/// fp32's (cosine, worst Linear). The rest of a step (attention, norms, copies; see <c>profile</c>) does not change
/// with the weight form.
/// Usage: <c>dotnet run -c Release --project bench/FluxOnnx.Bench -- int8-forms [--tokens N] [--blocks D S] [--runs N]</c>.
/// </summary>
internal static class Int8FormsCommand
{
    private const int TxtTokens = 256;
    private static readonly string[] Forms = ["fp32", "int8-nbits", "int8-dynamic", "int4-nbits"];

    public static int Run(string[] args)
    {
        int imgTokens = 1024, depth = 1, depthSingle = 1, runs = 3;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--tokens": imgTokens = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--blocks": depth = int.Parse(args[++i], CultureInfo.InvariantCulture); depthSingle = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"unknown argument {args[i]}; usage: int8-forms [--tokens N] [--blocks D S] [--runs N]"); return 2;
            }
        }
        var config = FluxConfig.FluxDev with { Depth = depth, DepthSingleBlocks = depthSingle };
        var shapes = StepLinearShapes.Of(config, imgTokens, TxtTokens);
        double flops = shapes.Sum(s => 2.0 * s.M * s.K * s.N);
        string load0 = LoadAverage.Read();
        Console.WriteLine($"load average at start: {load0}");
        string folder = Directory.CreateTempSubdirectory("fluxonnx-bench-int8-forms-").FullName;
        var sessions = new Dictionary<string, ModelSession>();
        var inputs = new Dictionary<string, OrtValue>();
        try
        {
            BenchSessions.LogErrorsOnly();
            foreach (var form in Forms)
            {
                string path = Path.Combine(folder, form + ".onnx");
                new OnnxModelWriter().Write(Build(form, shapes), path);
                sessions[form] = BenchSessions.Open(path, new SessionSettings(IntraOpThreads: 2, InterOpThreads: 1));
                Console.WriteLine($"{form}: written and loaded");
            }
            var random = new Random(11);
            foreach (var (name, m, k, _) in shapes)
            {
                var x = new float[m * k];
                for (int i = 0; i < x.Length; i++) x[i] = random.NextSingle() * 2 - 1;
                inputs[name] = OnnxTensors.Wrap(x, m, k);
            }
            var outputNames = shapes.Select(s => s.Name + ".y").ToArray();

            var times = Forms.ToDictionary(f => f, _ => new List<double>());
            var outputs = new Dictionary<string, float[][]>();
            for (int round = -1; round < runs; round++) // round −1 warms up and keeps the outputs
            {
                foreach (var form in Forms)
                {
                    var watch = Stopwatch.StartNew();
                    using var result = sessions[form].Run(inputs, outputNames);
                    watch.Stop();
                    if (round >= 0) times[form].Add(watch.Elapsed.TotalMilliseconds);
                    else outputs[form] = result.Select(v => v.GetTensorDataAsSpan<float>().ToArray()).ToArray();
                    Console.WriteLine($"round {round}: {form,-13} {watch.Elapsed.TotalMilliseconds,8:F0} ms   (load average {LoadAverage.Read()})");
                }
            }
            string load1 = LoadAverage.Read();
            Console.WriteLine($"load average at end: {load1}");
            Console.WriteLine();
            Console.WriteLine($"{shapes.Count} quantizable Linears of {depth} double + {depthSingle} single blocks at width {config.HiddenSize}, {imgTokens} + {TxtTokens} tokens " +
                              $"({flops / 1e9:F0} GFLOP), ORT CPU, 2 intra-op threads; fastest of {runs} interleaved runs after 1 warm-up; load average {load0} at start, {load1} at end.");
            Console.WriteLine();
            Console.WriteLine("| form | Linears of one step (min) | median | speed vs fp32 | GFLOP/s | worst cosine vs fp32 |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            double fp32 = times["fp32"].Min();
            foreach (var form in Forms)
            {
                var s = TimingSummary.Of(times[form]);
                double cosine = outputs[form].Zip(outputs["fp32"]).Min(p => CosineSimilarity.Of(p.First, p.Second));
                Console.WriteLine($"| {form} | {s.MinMs:F0} ms | {s.MedianMs:F0} ms | {fp32 / s.MinMs:F2}× | {flops / (s.MinMs * 1e-3) / 1e9:F1} | {cosine:F6} |");
            }
            return 0;
        }
        finally
        {
            foreach (var s in sessions.Values) s.Dispose();
            BenchSessions.DisposeAll(inputs.Values);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static BuiltModel Build(string form, IReadOnlyList<(string Name, long M, long K, long N)> shapes)
    {
        var g = new GraphBuilder();
        foreach (var (name, m, k, n) in shapes)
        {
            var x = g.Input(name, ElementType.Float, new Shape(m, k));
            Value y;
            using (g.Scope(name))
            {
                y = form switch
                {
                    "fp32" => g.MatMul(x, g.Initializer(name + ".weight", Weight(name, k, n, WeightLayout.Transposed))),
                    "int8-nbits" => NBits(g, x, name, k, n, 8),
                    "int4-nbits" => NBits(g, x, name, k, n, 4),
                    "int8-dynamic" => Dynamic(g, x, name, k, n),
                    _ => throw new ArgumentOutOfRangeException(nameof(form), form, null),
                };
            }
            g.Output(y, name + ".y");
        }
        return g.Build();
    }

    private static Value NBits(GraphBuilder g, Value x, string name, long k, long n, int bits)
    {
        var blocks = new BlockQuantization(32, Symmetric: true, AccuracyLevel: 4);
        var q = LinearWeightQuantizer.Instance.NBits(Weight(name, k, n, WeightLayout.OutIn), bits, blocks);
        return g.MatMulNBits(x, g.Initializer(name + ".weight", q.Packed), g.Initializer(name + ".weight_scale", q.Scales), null, k, n, bits, 32, 4);
    }

    /// <summary>
    /// <code>
    ///   x [M, K] ─DynamicQuantizeLinear─► x_u8, x_scale, x_zp
    ///   x_u8 ─MatMulInteger(W_s8 [K, N], x_zp)─► int32 [M, N] ─Cast─► float ─Mul(x_scale · w_scale [N])─► y [M, N]
    /// </code>
    /// W per output channel, symmetric: w_scale = max|W[:, n]| / 127, zero point 0.
    /// </summary>
    private static Value Dynamic(GraphBuilder g, Value x, string name, long k, long n)
    {
        var (codes, scale) = PerChannelInt8(name, k, n);
        var dq = g.DynamicQuantizeLinear(x);                                                    // [M, K] u8
        var w = g.Initializer(name + ".weight", new ArrayTensorSource<sbyte>(codes, [k, n]));
        var product = g.MatMulInteger(dq.Codes, w, dq.ZeroPoint);                               // [M, N] int32
        var scales = g.Mul(dq.Scale, g.Initializer(name + ".weight_scale", new ArrayTensorSource<float>(scale, [n])));
        return g.Mul(g.Cast(product, ElementType.Float), scales);
    }

    private enum WeightLayout { OutIn, Transposed }

    /// <summary>The seeded weight of <paramref name="name"/>, uniform with variance 1/K, as [N, K] (torch's layout) or [K, N]; generated when written.</summary>
    private static ITensorSource Weight(string name, long k, long n, WeightLayout layout) =>
        new DelegateTensorSource(ElementType.Float, layout == WeightLayout.OutIn ? [n, k] : [k, n], (stream, _) =>
        {
            var w = Values(name, k, n);
            var row = new byte[(layout == WeightLayout.OutIn ? k : n) * sizeof(float)];
            if (layout == WeightLayout.OutIn)
            {
                for (long o = 0; o < n; o++)
                {
                    Buffer.BlockCopy(w, (int)(o * k * sizeof(float)), row, 0, row.Length);
                    stream.Write(row);
                }
                return;
            }
            var t = new float[n];
            for (long i = 0; i < k; i++)
            {
                for (long o = 0; o < n; o++) t[o] = w[o * k + i];
                Buffer.BlockCopy(t, 0, row, 0, row.Length);
                stream.Write(row);
            }
        });

    private static (sbyte[] Codes, float[] Scale) PerChannelInt8(string name, long k, long n)
    {
        var w = Values(name, k, n);
        var scale = new float[n];
        var codes = new sbyte[k * n];
        for (long o = 0; o < n; o++)
        {
            float max = 0;
            for (long i = 0; i < k; i++) max = Math.Max(max, Math.Abs(w[o * k + i]));
            scale[o] = max > 0 ? max / 127f : 1f;
            for (long i = 0; i < k; i++) codes[i * n + o] = (sbyte)Math.Clamp(MathF.Round(w[o * k + i] / scale[o]), -127, 127);
        }
        return (codes, scale);
    }

    /// <summary>[N, K] row-major, uniform in ±√(3/K) (variance 1/K), seeded by the name.</summary>
    private static float[] Values(string name, long k, long n)
    {
        var random = new Random(StringComparer.Ordinal.GetHashCode(name) & 0x7fffffff ^ 0x5bd1e995);
        float bound = MathF.Sqrt(3f / k);
        var w = new float[n * k];
        for (long i = 0; i < w.Length; i++) w[i] = (random.NextSingle() * 2 - 1) * bound;
        return w;
    }
}
