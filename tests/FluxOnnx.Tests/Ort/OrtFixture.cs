using System.Collections.Concurrent;
using FluxOnnx.Ort;
using Xunit;

namespace FluxOnnx.Tests.Ort;

/// <summary>
/// One loaded ORT library and environment shared by the binding tests, with a logger that records every message,
/// and a scratch folder for the models the tests write.
/// </summary>
public sealed class OrtFixture : IDisposable
{
    public OrtFixture()
    {
        Library = OrtLibrary.Load();
        Environment = new OrtEnvironment(Library, new OrtEnvironmentSettings(
            OrtLogLevel.Warning, "FluxOnnx.Tests", (level, category, message) => Messages.Enqueue((level, category, message))));
        Directory = Path.Combine(Path.GetTempPath(), "fluxonnx-ort-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public OrtLibrary Library { get; }

    public OrtEnvironment Environment { get; }

    public ConcurrentQueue<(OrtLogLevel Level, string Category, string Message)> Messages { get; } = new();

    /// <summary>Scratch folder, deleted with the fixture.</summary>
    public string Directory { get; }

    public string Write(FluxOnnx.Graphs.Onnx.ModelProto model, string fileName) => TestModels.Write(model, Directory, fileName);

    public OrtSession Open(FluxOnnx.Graphs.Onnx.ModelProto model, string fileName, OrtSessionOptions? options = null) =>
        new(Environment, Write(model, fileName), options);

    public void Dispose()
    {
        Environment.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
