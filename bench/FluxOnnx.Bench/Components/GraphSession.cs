using FluxOnnx.Bench.Measuring;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Graphs.Writing;
using FluxOnnx.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace FluxOnnx.Bench.Components;

/// <summary>
/// A graph built from graph code and <see cref="RandomWeights"/>, written to a temp folder and loaded in ORT (CPU,
/// two intra-op threads) with its inputs, ready to run once per benchmark iteration. Owns the input values (made by
/// <c>inputs</c> after the load); disposing releases them and the session and deletes the folder.
/// </summary>
internal sealed class GraphSession : IDisposable
{
    private readonly string _folder;
    private readonly Dictionary<string, OrtValue> _inputs;
    private readonly string[] _outputs;

    public GraphSession(string name, Action<GraphBuilder, WeightScope> build, Func<Dictionary<string, OrtValue>> inputs, params string[] outputs)
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
        BenchSessions.LogErrorsOnly();
        Session = BenchSessions.Open(path, new SessionSettings(IntraOpThreads: 2));
        _inputs = inputs();
        _outputs = outputs;
    }

    public ModelSession Session { get; }

    public long Parameters { get; }

    public void Run()
    {
        using var _ = Session.Run(_inputs, _outputs);
    }

    public void Dispose()
    {
        BenchSessions.DisposeAll(_inputs.Values);
        Session.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
