using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Writing;
using FluxOnnx.Ort;
using Xunit;

namespace FluxOnnx.Graphs.Tests.OnnxRuntime;

/// <summary>
/// One loaded ORT library and environment for the builder-through-runtime tests, plus a scratch folder (deleted with
/// the fixture) where each test writes its model as <c>{name}.onnx</c> + <c>{name}.onnx.data</c>.
/// </summary>
public sealed class OrtGraphFixture : IDisposable
{
    public OrtGraphFixture()
    {
        Library = OrtLibrary.Load();
        Environment = new OrtEnvironment(Library, new OrtEnvironmentSettings(OrtLogLevel.Warning, "FluxOnnx.Graphs.Tests"));
        Folder = Directory.CreateTempSubdirectory("fluxonnx-graph-ort-").FullName;
    }

    public OrtLibrary Library { get; }

    public OrtEnvironment Environment { get; }

    public string Folder { get; }

    /// <summary>
    /// Writes <paramref name="model"/> with external data (every initializer of at least <paramref name="inlineThreshold"/>
    /// bytes goes to the data file) and returns what the writer produced.
    /// </summary>
    public ModelWriteResult Write(BuiltModel model, string name, long inlineThreshold = 64) =>
        new OnnxModelWriter(new ModelWriteOptions { InlineThreshold = inlineThreshold })
            .Write(model, Path.Combine(Folder, name + ".onnx"));

    /// <summary>A CPU session on one intra-op thread (the machine's two cores are shared).</summary>
    public OrtSession Open(string modelPath)
    {
        using var options = new OrtSessionOptions(Library);
        options.SetIntraOpThreads(1);
        return new OrtSession(Environment, modelPath, options);
    }

    /// <summary>
    /// Writes, loads and runs <paramref name="model"/> on <paramref name="inputs"/> (name → data and shape) and returns
    /// the first output's elements and shape.
    /// </summary>
    public (float[] Data, long[] Shape) Run(BuiltModel model, string name, params TestInput[] inputs)
    {
        var written = Write(model, name);
        using var session = Open(written.ModelPath);
        var values = inputs.Select(i => new KeyValuePair<string, OrtValue>(i.Name, i.Create(Library))).ToArray();
        try
        {
            using var outputs = session.Run(values);
            var y = outputs[0];
            Assert.Equal(OrtElementType.Float, y.ElementType);
            return (y.GetTensorData<float>().ToArray(), y.Shape);
        }
        finally
        {
            foreach (var value in values) value.Value.Dispose();
        }
    }

    public void Dispose()
    {
        Environment.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>The builder-through-runtime tests share one <see cref="OrtGraphFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class OrtGraphCollection : ICollectionFixture<OrtGraphFixture>
{
    public const string Name = "OrtGraph";
}
