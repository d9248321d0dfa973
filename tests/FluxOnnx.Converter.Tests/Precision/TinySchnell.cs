using FluxOnnx.Packaging;
using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Graphs.Writing;
using FluxOnnx.TestSupport;
using FluxOnnx.Converter.Formats;

namespace FluxOnnx.Converter.Tests.Precision;

/// <summary>
/// The tiny schnell fixture transformer converted under a weight policy (the converter's own path:
/// <see cref="ComponentGraphFactory.Transformer"/>, passes included), written and run on ORT CPU with the
/// inputs of case <c>flux_forward_schnell_b1_128x128</c>, compared with BFL's reference <c>out</c>.
/// </summary>
internal static class TinySchnell
{
    public static string Folder => Path.Combine(SharedPaths.Models, "flux-tiny-schnell");

    public static string Checkpoint => Path.Combine(Folder, "flux.safetensors");

    public static string ParamsJson => Path.Combine(Folder, "flux_params.json");

    public static FluxConfig Config => FluxParamsJson.Load(ParamsJson);

    public sealed record Result(BuiltModel Model, float[] Output, double Cosine, long WeightBytes);

    /// <summary>
    /// Builds from <paramref name="checkpoint"/> (default: the BFL fixture) under <paramref name="policy"/>, runs,
    /// compares. <paramref name="inspect"/> sees the built model while the checkpoint is still open (its
    /// initializer sources read from it; the returned model's sources must not be written).
    /// </summary>
    public static Result Run(WeightPolicy policy, string? checkpoint = null, Action<BuiltModel>? inspect = null)
    {
        using var file = Converter.Checkpoints.Checkpoint.Open(checkpoint ?? Checkpoint);
        var source = file.OpenComponent(ComponentKind.Transformer);
        var built = ComponentGraphFactory.Transformer(source, ParamsJson, Target.Cpu, policy);
        inspect?.Invoke(built.Model);
        using var temp = new TempDirectory();
        string path = Path.Combine(temp.Path, "transformer.onnx");
        new OnnxModelWriter().Write(built.Model, path);
        var (inputs, expected) = Case();
        var actual = FluxGraphRunner.Run(path, inputs);
        return new Result(built.Model, actual.Data, Cosine(expected.Data, actual.Data), built.Model.TotalInitializerBytes);
    }

    public static (Dictionary<string, FluxGraphRunner.Tensor> Inputs, FluxGraphRunner.Tensor Expected) Case()
    {
        using var tensors = SafetensorsFile.Open(Path.Combine(SharedPaths.Case("flux_forward_schnell_b1_128x128"), "tensors.safetensors"));
        var inputs = new Dictionary<string, FluxGraphRunner.Tensor>
        {
            [FluxIo.HiddenStates] = FluxGraphRunner.Read(tensors, "img"),
            [FluxIo.EncoderHiddenStates] = FluxGraphRunner.Read(tensors, "txt"),
            [FluxIo.PooledProjections] = FluxGraphRunner.Read(tensors, "y"),
            [FluxIo.Timestep] = FluxGraphRunner.Read(tensors, "timesteps"),
            [FluxIo.ImgIds] = FluxGraphRunner.Read(tensors, "img_ids", dropBatch: true),
            [FluxIo.TxtIds] = FluxGraphRunner.Read(tensors, "txt_ids", dropBatch: true),
        };
        return (inputs, FluxGraphRunner.Read(tensors, "out"));
    }

    public static double Cosine(float[] a, float[] b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"lengths differ: {a.Length} vs {b.Length}");
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }
        return dot / Math.Sqrt(na * nb);
    }

    /// <summary>
    /// Element count of the quantizable Linear weights (every block Linear; not the embedders or final_layer) and
    /// the sum of their output sizes, from the config and flux <c>layers.py</c>:
    /// double block: img_mod/txt_mod 6h·h each, qkv 3h·h ×2, proj h·h ×2, mlp.0 m·h and mlp.2 h·m ×2;
    /// single block: modulation 3h·h, linear1 (3h+m)·h, linear2 h·(h+m).
    /// </summary>
    public static (long Elements, long Rows) QuantizableLinears(FluxConfig c)
    {
        long h = c.HiddenSize, m = c.MlpHiddenDim;
        long doubleElements = 12 * h * h + 6 * h * h + 2 * h * h + 4 * m * h;
        long doubleRows = 12 * h + 6 * h + 2 * h + 2 * m + 2 * h;
        long singleElements = 3 * h * h + (3 * h + m) * h + h * (h + m);
        long singleRows = 3 * h + (3 * h + m) + h;
        return (c.Depth * doubleElements + c.DepthSingleBlocks * singleElements, c.Depth * doubleRows + c.DepthSingleBlocks * singleRows);
    }
}
