using FluxOnnx.Bench.Precision;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Passes;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Graphs.Writing;

namespace FluxOnnx.Bench.Flux;

/// <summary>
/// Writes the transformer graph of <c>config</c> with seeded <see cref="RandomFluxWeights"/> the way the converter
/// builds it: the precision's <see cref="WeightPolicies"/> at the Linear, then <see cref="PrecisionPasses"/>. Shared by
/// <c>targets</c> and <c>profile</c>, so both time the same graphs.
/// </summary>
internal static class RandomFluxStep
{
    /// <summary>Writes <c>{folder}/{precision}/transformer.onnx</c> (+ external data) and returns its path.</summary>
    public static string Write(FluxConfig config, string precision, string folder, QuantizationOptions? quantization = null)
    {
        var policy = WeightPolicies.For(precision, quantization ?? QuantizationOptions.Default);
        var g = new GraphBuilder(new GraphBuilderOptions { RootScope = "transformer" });
        var registry = new WeightRegistry(g, new Bf16CapableWeights(new RandomFluxWeights(config)), policy);
        FluxTransformerGraph.Build(g, registry.Root, config);
        registry.EnsureComplete();
        var model = PrecisionPasses.Apply(g.Build(), policy);
        string dir = Path.Combine(folder, precision);
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "transformer.onnx");
        new OnnxModelWriter().Write(model, path);
        Console.WriteLine($"{precision}: {model.TotalInitializerBytes / 1e6:F0} MB of weights written");
        return path;
    }
}
