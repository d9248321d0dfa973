using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Graphs.Writing;
using FluxOnnx.Runtime;
using Microsoft.ML.OnnxRuntime;
using FluxOnnx.TestSupport;

namespace FluxOnnx.Graphs.Tests.TextEncoders;

/// <summary>
/// Shared by the text-encoder tests: one ORT library and environment, the open fixture checkpoints and reference
/// tensors (<c>cases/text_encoders_public</c>), and a scratch folder for the graphs the tests write.
/// </summary>
public sealed class TextEncoderFixture : IDisposable
{
    public TextEncoderFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "fluxonnx-textenc-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        T5 = SafetensorsFile.Open(Path.Combine(SharedPaths.Models, "t5", "model.safetensors"));
        Clip = SafetensorsFile.Open(Path.Combine(SharedPaths.Models, "clip", "model.safetensors"));
        Reference = SafetensorsFile.Open(Path.Combine(SharedPaths.Case("text_encoders_public"), "tensors.safetensors"));
    }

    /// <summary>Scratch folder, deleted with the fixture.</summary>
    public string Directory { get; }

    public SafetensorsFile T5 { get; }

    public SafetensorsFile Clip { get; }

    public SafetensorsFile Reference { get; }

    public static string T5ConfigPath => Path.Combine(SharedPaths.Models, "t5", "config.json");

    public static string ClipConfigPath => Path.Combine(SharedPaths.Models, "clip", "config.json");

    /// <summary>
    /// The T5 fixture under reference names. It stores the embedding twice (<c>shared.weight</c> and the tied
    /// <c>encoder.embed_tokens.weight</c>, byte-identical); the graph reads the first, so the alias is dropped as
    /// the converter's recipe would.
    /// </summary>
    public IWeightSource T5Weights() => new SafetensorsWeightSource(T5, ignored: ["encoder.embed_tokens.weight"]);

    public IWeightSource ClipWeights() => new SafetensorsWeightSource(Clip);

    public long[] Ids(string name) => Reference.TryGet<long>(name, out var ids) ? ids.ToArray() : throw new KeyNotFoundException(name);

    public float[] Floats(string name)
    {
        var values = new float[Reference.GetInfo(name).ElementCount];
        Reference.ReadAsFloat32(name, values);
        return values;
    }

    /// <summary>
    /// Builds a graph with <paramref name="emit"/> over <paramref name="weights"/>, checks the weights are complete,
    /// writes it as <paramref name="fileName"/> in the scratch folder and opens it (single-threaded CPU session).
    /// </summary>
    public ModelSession BuildAndOpen(IWeightSource weights, string fileName, Action<GraphBuilder, WeightScope> emit)
    {
        var g = new GraphBuilder();
        var registry = new WeightRegistry(g, weights);
        emit(g, registry.Root);
        registry.EnsureComplete();
        string path = Path.Combine(Directory, fileName);
        new OnnxModelWriter().Write(g.Build(), path);
        using var options = new SessionSettings(IntraOpThreads: 1).CreateOptions(out _);
        return new ModelSession(path, options);
    }

    /// <summary>Runs <paramref name="session"/> on INT64 <paramref name="ids"/> [1, n] and returns the named float outputs.</summary>
    public float[][] Run(ModelSession session, string inputName, long[] ids, params string[] outputNames) =>
        RunBatch(session, inputName, [ids], outputNames);

    /// <summary>Runs <paramref name="session"/> on the rows of <paramref name="batch"/> as one INT64 [rows, n] input.</summary>
    public float[][] RunBatch(ModelSession session, string inputName, long[][] batch, params string[] outputNames)
    {
        long[] ids = batch.SelectMany(row => row).ToArray();
        using var input = OnnxTensors.Wrap(ids, batch.Length, batch[0].Length);
        using var outputs = session.Run(new Dictionary<string, OrtValue> { [inputName] = input }, outputNames);
        return outputs.Select(o => o.GetTensorDataAsSpan<float>().ToArray()).ToArray();
    }

    public void Dispose()
    {
        T5.Dispose();
        Clip.Dispose();
        Reference.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
