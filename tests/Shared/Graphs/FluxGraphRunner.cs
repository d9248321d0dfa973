using FluxOnnx.Packaging;
using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Graphs.Writing;
using FluxOnnx.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace FluxOnnx.TestSupport;

/// <summary>
/// Builds a FLUX transformer graph from a fixture checkpoint, writes it with <see cref="OnnxModelWriter"/> to a
/// temporary folder and runs it on ONNX Runtime's CPU provider through FluxOnnx's runtime layer.
/// </summary>
internal static class FluxGraphRunner
{
    /// <summary>A named float32 tensor.</summary>
    public sealed record Tensor(float[] Data, long[] Shape);

    /// <summary>Builds the graph for <paramref name="checkpoint"/> with <paramref name="config"/>, checks the weights are complete, and writes it.</summary>
    public static string BuildAndWrite(string checkpoint, FluxConfig config, FluxGraphOptions options, string folder)
    {
        using var file = SafetensorsFile.Open(checkpoint);
        var g = new GraphBuilder(new GraphBuilderOptions { RootScope = "transformer" });
        var weights = new WeightRegistry(g, new SafetensorsWeightSource(file));
        FluxTransformerGraph.Build(g, weights.Root, config, options);
        weights.EnsureComplete();
        string modelPath = Path.Combine(folder, "transformer.onnx");
        new OnnxModelWriter().Write(g.Build(), modelPath);
        return modelPath;
    }

    /// <summary>Runs <paramref name="modelPath"/> with two intra-op threads and returns its <c>latent</c> output.</summary>
    public static Tensor Run(string modelPath, IReadOnlyDictionary<string, Tensor> inputs) =>
        RunOutput(modelPath, inputs, FluxIo.Latent);

    /// <summary>Runs <paramref name="modelPath"/> with two intra-op threads and returns its output <paramref name="outputName"/>.</summary>
    public static Tensor RunOutput(string modelPath, IReadOnlyDictionary<string, Tensor> inputs, string outputName,
        IReadOnlyDictionary<string, string>? configEntries = null)
    {
        var settings = new SessionSettings(IntraOpThreads: 2) { ConfigEntries = configEntries ?? new Dictionary<string, string>() };
        using var options = settings.CreateOptions(out _);
        using var session = new ModelSession(modelPath, options);
        var values = inputs.ToDictionary(kv => kv.Key, kv => OnnxTensors.Wrap(kv.Value.Data, kv.Value.Shape));
        try
        {
            using var outputs = session.Run(values, [outputName]);
            var latent = outputs.First();
            return new Tensor(latent.GetTensorDataAsSpan<float>().ToArray(), latent.GetTensorTypeAndShape().Shape);
        }
        finally
        {
            foreach (var v in values.Values) v.Dispose();
        }
    }

    /// <summary>Reads <paramref name="name"/> of a case's tensors as float32, dropping a leading batch axis when <paramref name="dropBatch"/>.</summary>
    public static Tensor Read(ISafetensorsSource tensors, string name, bool dropBatch = false)
    {
        var info = tensors.GetInfo(name);
        var data = new float[info.Shape.Aggregate(1L, (n, d) => n * d)];
        tensors.ReadAsFloat32(name, data);
        var shape = info.Shape.ToArray();
        if (dropBatch)
        {
            if (shape[0] != 1) throw new InvalidOperationException($"{name} has batch {shape[0]}; only batch 1 ids are dropped.");
            shape = shape[1..];
        }
        return new Tensor(data, shape);
    }

    public static float MaxAbsDifference(float[] a, float[] b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"lengths differ: {a.Length} vs {b.Length}");
        float max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }
}
