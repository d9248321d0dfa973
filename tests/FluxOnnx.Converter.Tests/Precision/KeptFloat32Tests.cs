using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Passes;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Converter.Tests.Precision;

/// <summary>
/// The nodes graph code tags with <see cref="GraphBuilder.KeepFloat32(string[])"/> are exactly the nodes the
/// name-based <see cref="KeepFloat32Rule"/> kept, for every fixture component and target and the full-size shapes.
/// </summary>
public sealed class KeptFloat32Tests
{
    public static TheoryData<string, ConversionTarget> Components()
    {
        var data = new TheoryData<string, ConversionTarget>();
        foreach (var target in new[] { ConversionTarget.Cpu, ConversionTarget.TensorRt })
        {
            foreach (var component in new[] { "flux-tiny-schnell", "flux-tiny-fill", "flux-tiny-canny", "flux-tiny-kontext", "t5", "clip", "vae_decoder", "vae_encoder" })
            {
                data.Add(component, target);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Components))]
    public void Tags_equal_the_name_rule_on_the_fixture_components(string component, ConversionTarget target)
    {
        AssertTagsEqualRule(Build(component, target));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Tags_equal_the_name_rule_on_the_full_size_transformer(bool dev)
    {
        var g = new GraphBuilder(new GraphBuilderOptions { RootScope = "transformer" });
        FluxTransformerGraph.Build(g, WeightRegistry.ShapeOnly(g).Root, dev ? FluxConfig.FluxDev : FluxConfig.FluxSchnell);
        AssertTagsEqualRule(g.Build());
    }

    private static void AssertTagsEqualRule(BuiltModel model)
    {
        var rule = KeepFloat32Rule.For(model.Proto.Graph);
        var expected = model.Proto.Graph.Node.Where(rule.Keeps).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(expected.Order(StringComparer.Ordinal), model.KeptFloat32.Order(StringComparer.Ordinal));
    }

    internal static BuiltModel Build(string component, ConversionTarget target)
    {
        var policy = WeightPolicy.Float32;
        if (component.StartsWith("flux-tiny-", StringComparison.Ordinal))
        {
            string folder = Path.Combine(SharedPaths.Models, component);
            using var file = Checkpoint.Open(Path.Combine(folder, "flux.safetensors"));
            return ComponentGraphFactory.Transformer(file.OpenComponent(ComponentKind.Transformer), Path.Combine(folder, "flux_params.json"), target, policy).Model;
        }
        switch (component)
        {
            case "t5":
            {
                using var file = Checkpoint.Open(Path.Combine(SharedPaths.Models, "t5"));
                return ComponentGraphFactory.T5(file.OpenComponent(ComponentKind.T5), 256, target, policy).Model;
            }
            case "clip":
            {
                using var file = Checkpoint.Open(Path.Combine(SharedPaths.Models, "clip"));
                return ComponentGraphFactory.Clip(file.OpenComponent(ComponentKind.Clip), target, policy).Model;
            }
            default:
            {
                using var file = Checkpoint.Open(Path.Combine(SharedPaths.Models, "ae.safetensors"));
                var source = file.OpenComponent(ComponentKind.Autoencoder);
                var config = ComponentGraphFactory.AeConfig(source, Path.Combine(SharedPaths.Models, "ae_params.json"));
                return component == "vae_decoder"
                    ? ComponentGraphFactory.VaeDecoder(source, config, target, policy).Model
                    : ComponentGraphFactory.VaeEncoder(source, config, target, policy).Model;
            }
        }
    }
}
