using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Graphs.Writing;
using FluxOnnx.Ort;

namespace FluxOnnx.Bench.Components;

/// <summary>
/// A graph built from graph code and <see cref="RandomWeights"/>, written to a temp folder and loaded in ORT (CPU,
/// two intra-op threads) with its inputs, ready to run once per benchmark iteration. Disposing deletes the folder.
/// </summary>
internal sealed class OrtGraphSession : IDisposable
{
    private readonly string _folder;
    private readonly OrtEnvironment _environment;
    private readonly KeyValuePair<string, OrtValue>[] _inputs;
    private readonly string[] _outputs;

    public OrtGraphSession(string name, Action<GraphBuilder, WeightScope> build, Func<OrtLibrary, KeyValuePair<string, OrtValue>[]> inputs, params string[] outputs)
    {
        var weights = new RandomWeights(build);
        Parameters = weights.Parameters;
        _folder = Directory.CreateTempSubdirectory("fluxonnx-bench-" + name + "-").FullName;
        var g = new GraphBuilder(new GraphBuilderOptions { RootScope = name });
        var registry = new WeightRegistry(g, weights);
        build(g, registry.Root);
        registry.EnsureComplete();
        string path = Path.Combine(_folder, "model.onnx");
        new OnnxModelWriter().Write(g.Build(), path);
        Library = OrtLibrary.Load();
        _environment = new OrtEnvironment(Library, new OrtEnvironmentSettings(OrtLogLevel.Error, "FluxOnnx.Bench"));
        using var options = new OrtSessionOptions(Library);
        options.SetIntraOpThreads(2);
        Session = new OrtSession(_environment, path, options);
        _inputs = inputs(Library);
        _outputs = outputs;
    }

    public OrtLibrary Library { get; }

    public OrtSession Session { get; }

    public long Parameters { get; }

    public void Run()
    {
        using var _ = Session.Run(_inputs, _outputs);
    }

    public void Dispose()
    {
        foreach (var input in _inputs) input.Value.Dispose();
        Session.Dispose();
        _environment.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
