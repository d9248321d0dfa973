using FluxOnnx.Packaging;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FluxOnnx.Bench.Flux;
using FluxOnnx.Graphs.Layers;
using FluxOnnx.Graphs.Models.Autoencoder;
using FluxOnnx.Graphs.Models.Clip;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Models.T5;
using FluxOnnx.Graphs.Models.TextEncoders;
using FluxOnnx.Bench.Measuring;
using FluxOnnx.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace FluxOnnx.Bench.Components;

// Per-component suites on synthetic real-width models (ORT CPU, 2 intra-op threads). Depth is reduced and a
// [Params] over depth gives the per-block cost (time at depth 2 − time at depth 1); the full-depth figure is
// base + per-block × full depth, an extrapolation. Short jobs: one launch, one warm-up, three measured iterations.
// Filter with e.g. `--filter '*TransformerStep*'`.

/// <summary>One FLUX.1 [schnell] transformer forward (= one denoising step) with 1 or 2 double + single blocks.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class TransformerStepBenchmarks
{
    private GraphSession _graph = null!;

    [Params(AttentionForm.MultiHeadAttention, AttentionForm.Decomposed)]
    public AttentionForm Attention { get; set; }

    /// <summary>Image side in pixels: (side/16)² image tokens, plus 256 text tokens (schnell).</summary>
    [Params(256, 512, 1024)]
    public int Size { get; set; }

    /// <summary>Double blocks = single blocks = Blocks (full depth 19 + 38).</summary>
    [Params(1, 2)]
    public int Blocks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var config = FluxConfig.FluxSchnell with { Depth = Blocks, DepthSingleBlocks = Blocks };
        int img = (Size / 16) * (Size / 16);
        var inputs = FluxAttentionTiming.Inputs(config, img, 256);
        inputs.Remove(FluxIo.Guidance);
        _graph = new GraphSession("transformer",
            (g, root) => FluxTransformerGraph.Build(g, root, config, new FluxGraphOptions { Attention = Attention }),
            () => BenchSessions.Wrap(inputs),
            FluxIo.Latent);
    }

    [Benchmark]
    public void Step() => _graph.Run();

    [GlobalCleanup]
    public void Cleanup() => _graph.Dispose();
}

/// <summary>T5 v1.1 XXL (width 4096, 256 tokens) and CLIP ViT-L/14 (width 768, 77 tokens) with 1 or 2 layers.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class TextEncoderBenchmarks
{
    private GraphSession _graph = null!;

    [Params("t5", "clip")]
    public string Encoder { get; set; } = "t5";

    [Params(AttentionForm.MultiHeadAttention, AttentionForm.Decomposed)]
    public AttentionForm Attention { get; set; }

    /// <summary>Layers (full depth: T5 24, CLIP 12).</summary>
    [Params(1, 2)]
    public int Layers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new TextEncoderGraphOptions { Attention = Attention };
        int length = Encoder == "t5" ? 256 : 77;
        var ids = Enumerable.Range(0, length).Select(i => (long)(i * 37 % 1000)).ToArray();
        Func<Dictionary<string, OrtValue>> inputs = () => new() { ["input_ids"] = OnnxTensors.Wrap(ids, 1, length) };
        _graph = Encoder == "t5"
            ? new GraphSession("text_encoder_2",
                (g, root) => T5EncoderGraph.Build(g, root, T5EncoderConfig.T5V11Xxl with { NumLayers = Layers }, length, options),
                inputs, FluxIo.TextEmbeddings)
            : new GraphSession("text_encoder",
                (g, root) => ClipTextGraph.Build(g, root, ClipTextConfig.ClipVitLargePatch14 with { NumHiddenLayers = Layers }, options),
                inputs, FluxIo.PooledEmbeddings);
    }

    [Benchmark]
    public void Encode() => _graph.Run();

    [GlobalCleanup]
    public void Cleanup() => _graph.Dispose();
}

/// <summary>
/// The FLUX autoencoder at full width and depth (it has no repeated block stack to reduce), decoder and encoder,
/// at 256² and 512². 1024² is left out: at full width its decoder's first up-level activations are
/// [1, 512, 1024, 1024] fp32 (2 GiB each), too slow and heavy for short jobs on two cores.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class VaeBenchmarks
{
    private GraphSession _graph = null!;

    [Params("decode", "encode")]
    public string Direction { get; set; } = "decode";

    [Params(AttentionForm.MultiHeadAttention, AttentionForm.Decomposed)]
    public AttentionForm Attention { get; set; }

    [Params(256, 512)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var config = AutoencoderConfig.Ae;
        var options = new AutoencoderGraphOptions { Attention = Attention };
        var random = new Random(5);
        bool decode = Direction == "decode";
        long[] shape = decode ? [1, config.ZChannels, Size / 8, Size / 8] : [1, 3, Size, Size];
        var data = Enumerable.Range(0, (int)shape.Aggregate(1L, (n, d) => n * d)).Select(_ => 2 * random.NextSingle() - 1).ToArray();
        string input = decode ? FluxIo.Latent : FluxIo.Images;
        _graph = new GraphSession(decode ? "vae_decoder" : "vae_encoder",
            (g, root) =>
            {
                if (decode) AutoencoderGraphs.BuildDecoder(g, root, config, options);
                else AutoencoderGraphs.BuildEncoder(g, root, config, options);
            },
            () => new() { [input] = OnnxTensors.Wrap(data, shape) },
            decode ? FluxIo.Images : FluxIo.Latent);
    }

    [Benchmark]
    public void Run() => _graph.Run();

    [GlobalCleanup]
    public void Cleanup() => _graph.Dispose();
}
