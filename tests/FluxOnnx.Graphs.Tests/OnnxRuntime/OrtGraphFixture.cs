using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Writing;
using FluxOnnx.Runtime;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit;

namespace FluxOnnx.Graphs.Tests.OnnxRuntime;

/// <summary>
/// A scratch folder for the builder-through-runtime tests (deleted with the fixture), where each test writes its model
/// as <c>{name}.onnx</c> + <c>{name}.onnx.data</c> and runs it in ONNX Runtime's CPU provider.
/// </summary>
public sealed class OrtGraphFixture : IDisposable
{
    public OrtGraphFixture()
    {
        Folder = Directory.CreateTempSubdirectory("fluxonnx-graph-ort-").FullName;
    }

    public string Folder { get; }

    /// <summary>
    /// Writes <paramref name="model"/> with external data (every initializer of at least <paramref name="inlineThreshold"/>
    /// bytes goes to the data file) and returns what the writer produced.
    /// </summary>
    public ModelWriteResult Write(BuiltModel model, string name, long inlineThreshold = 64) =>
        new OnnxModelWriter(new ModelWriteOptions { InlineThreshold = inlineThreshold })
            .Write(model, Path.Combine(Folder, name + ".onnx"));

    /// <summary>A CPU session on one intra-op thread (the machine's two cores are shared).</summary>
    public ModelSession Open(string modelPath)
    {
        using var options = new SessionSettings(IntraOpThreads: 1).CreateOptions(out _);
        return new ModelSession(modelPath, options);
    }

    /// <summary>
    /// Writes, loads and runs <paramref name="model"/> on <paramref name="inputs"/> (name → data and shape) and returns
    /// the first output's elements and shape.
    /// </summary>
    public (float[] Data, long[] Shape) Run(BuiltModel model, string name, params TestInput[] inputs)
    {
        var written = Write(model, name);
        using var session = Open(written.ModelPath);
        var values = inputs.ToDictionary(i => i.Name, i => i.Create());
        try
        {
            using var outputs = session.Run(values, [session.Session.OutputNames[0]]);
            var y = outputs.First();
            var info = y.GetTensorTypeAndShape();
            Assert.Equal(TensorElementType.Float, info.ElementDataType);
            return (y.GetTensorDataAsSpan<float>().ToArray(), info.Shape);
        }
        finally
        {
            foreach (var value in values.Values) value.Dispose();
        }
    }

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>The builder-through-runtime tests share one <see cref="OrtGraphFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class OrtGraphCollection : ICollectionFixture<OrtGraphFixture>
{
    public const string Name = "OrtGraph";
}
