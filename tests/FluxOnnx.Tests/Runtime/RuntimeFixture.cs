using FluxOnnx.Runtime;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace FluxOnnx.Tests.Runtime;

/// <summary>A scratch folder for the models the runtime-layer tests write (deleted with the fixture).</summary>
public sealed class RuntimeFixture : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("fluxonnx-runtime-tests-").FullName;

    public string Write(FluxOnnx.Graphs.Onnx.ModelProto model, string fileName) => TestModels.Write(model, Directory, fileName);

    /// <summary>Writes <paramref name="model"/> and opens it with <paramref name="options"/> (default: CPU, one thread).</summary>
    public ModelSession Open(FluxOnnx.Graphs.Onnx.ModelProto model, string fileName, SessionOptions? options = null)
    {
        if (options is not null)
        {
            return new ModelSession(Write(model, fileName), options);
        }
        using var own = new SessionSettings(IntraOpThreads: 1).CreateOptions(out _);
        return new ModelSession(Write(model, fileName), own);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class RuntimeCollection : ICollectionFixture<RuntimeFixture>
{
    public const string Name = "Runtime";
}
