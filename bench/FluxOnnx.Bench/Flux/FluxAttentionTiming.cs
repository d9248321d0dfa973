using FluxOnnx.Packaging;
using System.Diagnostics;
using System.Globalization;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Bench.Measuring;
using FluxOnnx.Graphs.Layers;
using FluxOnnx.Graphs.Writing;
using FluxOnnx.Runtime;

namespace FluxOnnx.Bench.Flux;

/// <summary>
/// Measured console path <c>flux-attention</c>: times one forward of a real-width, reduced-depth FLUX.1 [dev]
/// graph (hidden 3072, 24 heads; default 1 double + 1 single block, 1024 image + 256 text tokens, batch 1) on
/// ONNX Runtime CPU with two intra-op threads, once per attention form, with identical random weights. Runs
/// are interleaved (A B C, A B C, ...) so that load from other processes hits every form alike; the report gives
/// median and minimum per form and the largest output difference against the first form.
/// Usage: <c>dotnet run -c Release --project bench/FluxOnnx.Bench -- flux-attention [double] [single] [rounds] [img] [txt]</c>.
/// With <c>double = 0</c> and <c>single = 0</c> only the attention of one block is timed (RoPE on q, k plus the
/// attention op, q, k, v [1, img + txt, 24, 128] as inputs), which isolates the op from the block's Linears.
/// </summary>
internal static class FluxAttentionTiming
{
    public static void Run(string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        int depth = Arg(0, 1), depthSingle = Arg(1, 1), rounds = Arg(2, 5), imgTokens = Arg(3, 1024), txtTokens = Arg(4, 256);
        var config = FluxConfig.FluxDev with { Depth = depth, DepthSingleBlocks = depthSingle };
        AttentionForm[] forms = [AttentionForm.MultiHeadAttention, AttentionForm.OnnxAttention, AttentionForm.Decomposed];

        bool attentionOnly = depth == 0 && depthSingle == 0;
        string folder = Path.Combine(Path.GetTempPath(), "fluxonnx-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var weights = attentionOnly ? null : new RandomFluxWeights(config);
            BenchSessions.LogErrorsOnly();
            var inputs = attentionOnly ? AttentionInputs(config, imgTokens + txtTokens) : Inputs(config, imgTokens, txtTokens);
            var sessions = new List<(AttentionForm Form, ModelSession Session)>();
            try
            {
                foreach (var form in forms)
                {
                    string path = attentionOnly
                        ? WriteAttentionOnly(config, form, Path.Combine(folder, form.ToString()))
                        : Write(config, weights!, form, Path.Combine(folder, form.ToString()));
                    sessions.Add((form, BenchSessions.Open(path, new SessionSettings(IntraOpThreads: 2))));
                    Console.WriteLine($"{form}: written and loaded");
                }

                var times = forms.ToDictionary(f => f, _ => new List<double>());
                var outputs = new Dictionary<AttentionForm, float[]>();
                for (int round = -1; round < rounds; round++)   // round -1 warms up
                {
                    foreach (var (form, session) in sessions)
                    {
                        var (ms, latent) = TimeOne(session, inputs);
                        if (round >= 0) times[form].Add(ms);
                        outputs[form] = latent;
                        Console.WriteLine($"round {round}: {form} {ms:F0} ms");
                    }
                }

                Console.WriteLine(attentionOnly ? "attention only (RoPE + attention op of one block)" : "whole graph");
                Console.WriteLine($"FLUX.1 dev width, {depth} double + {depthSingle} single blocks, {imgTokens} img + {txtTokens} txt tokens, 2 threads, {rounds} rounds");
                foreach (var form in forms)
                {
                    var t = times[form].Order().ToArray();
                    float diff = outputs[form].Zip(outputs[forms[0]], (a, b) => Math.Abs(a - b)).Max();
                    Console.WriteLine($"{form,-20} median {t[t.Length / 2],8:F0} ms   min {t[0],8:F0} ms   max |Δ| vs {forms[0]} {diff:E2}");
                }
            }
            finally
            {
                foreach (var (_, session) in sessions) session.Dispose();
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Write(FluxConfig config, RandomFluxWeights source, AttentionForm form, string folder)
    {
        Directory.CreateDirectory(folder);
        var g = new GraphBuilder(new GraphBuilderOptions { RootScope = "transformer" });
        var weights = new WeightRegistry(g, source);
        FluxTransformerGraph.Build(g, weights.Root, config, new FluxGraphOptions { Attention = form });
        weights.EnsureComplete();
        string path = Path.Combine(folder, "transformer.onnx");
        new OnnxModelWriter().Write(g.Build(), path);
        return path;
    }

    /// <summary>
    /// <code>
    ///   q, k, v [1, L, N, D], ids [L, 3] ─EmbedND─► pe ─► FluxMath.Attention ─► out [1, L, N·D]
    /// </code>
    /// </summary>
    internal static string WriteAttentionOnly(FluxConfig config, AttentionForm form, string folder)
    {
        Directory.CreateDirectory(folder);
        var g = new GraphBuilder(new GraphBuilderOptions { RootScope = "attention" });
        var heads = new Shape(1, "tokens", config.NumHeads, config.HeadDim);
        var q = g.Input("q", ElementType.Float, heads);
        var k = g.Input("k", ElementType.Float, heads);
        var v = g.Input("v", ElementType.Float, heads);
        var ids = g.Input("ids", ElementType.Float, new Shape("tokens", 3));
        var pe = EmbedND.Apply(g, ids, config.AxesDim, config.Theta);
        g.Output(FluxMath.Attention(g, q, k, v, pe, config, form), FluxIo.Latent);
        string path = Path.Combine(folder, "attention.onnx");
        new OnnxModelWriter().Write(g.Build(), path);
        return path;
    }

    internal static Dictionary<string, (float[] Data, long[] Shape)> AttentionInputs(FluxConfig config, int tokens)
    {
        var random = new Random(11);
        long n = (long)tokens * config.HiddenSize;
        float[] Noise() => Enumerable.Range(0, (int)n).Select(_ => 2 * random.NextSingle() - 1).ToArray();
        var ids = new float[tokens * 3];
        for (int i = 0; i < tokens; i++) ids[3 * i + 1] = i / 32;
        long[] shape = [1, tokens, config.NumHeads, config.HeadDim];
        return new() { ["q"] = (Noise(), shape), ["k"] = (Noise(), shape), ["v"] = (Noise(), shape), ["ids"] = (ids, [tokens, 3]) };
    }

    internal static Dictionary<string, (float[] Data, long[] Shape)> Inputs(FluxConfig config, int imgTokens, int txtTokens)
    {
        var random = new Random(7);
        float[] Noise(long n) => Enumerable.Range(0, (int)n).Select(_ => 2 * random.NextSingle() - 1).ToArray();
        int side = (int)Math.Sqrt(imgTokens);
        var imgIds = new float[imgTokens * 3];
        for (int i = 0; i < imgTokens; i++)
        {
            imgIds[3 * i + 1] = i / side;
            imgIds[3 * i + 2] = i % side;
        }
        return new()
        {
            [FluxIo.HiddenStates] = (Noise(imgTokens * config.InChannels), [1, imgTokens, config.InChannels]),
            [FluxIo.EncoderHiddenStates] = (Noise(txtTokens * config.ContextInDim), [1, txtTokens, config.ContextInDim]),
            [FluxIo.PooledProjections] = (Noise(config.VecInDim), [1, config.VecInDim]),
            [FluxIo.Timestep] = ([0.75f], [1]),
            [FluxIo.Guidance] = ([3.5f], [1]),
            [FluxIo.ImgIds] = (imgIds, [imgTokens, 3]),
            [FluxIo.TxtIds] = (new float[txtTokens * 3], [txtTokens, 3]),
        };
    }

    private static (double Ms, float[] Latent) TimeOne(ModelSession session, Dictionary<string, (float[] Data, long[] Shape)> inputs)
    {
        var values = BenchSessions.Wrap(inputs);
        try
        {
            var watch = Stopwatch.StartNew();
            using var outputs = session.Run(values, [FluxIo.Latent]);
            double ms = watch.Elapsed.TotalMilliseconds;
            return (ms, outputs[0].GetTensorDataAsSpan<float>().ToArray());
        }
        finally
        {
            BenchSessions.DisposeAll(values.Values);
        }
    }
}
