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
/// <c>targets</c>, <c>profile</c>, <c>session-options</c> and <c>lora-slots</c>, so all time the same graphs.
/// </summary>
internal static class RandomFluxStep
{
    /// <summary>
    /// Writes <c>{folder}/{precision}[-dynamic][-lora{rank}]/transformer.onnx</c> (+ external data) and returns its
    /// path (<c>-dynamic</c> for int8 with <see cref="Int8Form.Dynamic"/>);
    /// <paramref name="loraSlotRank"/> &gt; 0 gives the block Linears run-time LoRA slots as the converter does.
    /// </summary>
    public static string Write(FluxConfig config, FluxOnnx.Precision precision, string folder, QuantizationOptions? quantization = null,
        int loraSlotRank = 0)
    {
        var policy = WeightPolicies.For(precision, quantization ?? QuantizationOptions.Default);
        if (loraSlotRank > 0)
        {
            policy = Converter.Lora.LoraSlotTargets.WithSlots(policy, loraSlotRank);
        }
        var g = new GraphBuilder(new GraphBuilderOptions { RootScope = "transformer" });
        var registry = new WeightRegistry(g, new Bf16CapableWeights(new RandomFluxWeights(config)), policy);
        FluxTransformerGraph.Build(g, registry.Root, config);
        registry.EnsureComplete();
        var model = PrecisionPasses.Apply(g.Build(), policy);
        bool dynamic = precision == FluxOnnx.Precision.Int8 && (quantization ?? QuantizationOptions.Default).Int8FormFor(Target.Cpu) == Int8Form.Dynamic;
        string name = precision.Name() + (dynamic ? "-dynamic" : "") + (loraSlotRank > 0 ? "-lora" + loraSlotRank.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
        string dir = Path.Combine(folder, name);
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "transformer.onnx");
        new OnnxModelWriter().Write(model, path);
        Console.WriteLine($"{name}: {model.TotalInitializerBytes / 1e6:F0} MB of weights written");
        return path;
    }
}
