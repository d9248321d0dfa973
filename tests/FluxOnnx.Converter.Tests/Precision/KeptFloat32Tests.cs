using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Converter.Tests.Precision;

/// <summary>
/// The nodes graph code tags with <see cref="GraphBuilder.KeepFloat32(string[])"/> for the fp16 precision to keep
/// in float32. The sets equal those of the name-based rule this replaced (proven by comparing both on every case
/// below before the rule was deleted); the counts and names here pin them.
/// </summary>
public sealed class KeptFloat32Tests
{
    [Theory]
    [InlineData("flux-tiny-schnell", Target.Cpu, 26)]     // pe 8, time_in 12, single_blocks.1 4, Split, norm_final
    [InlineData("flux-tiny-schnell", Target.TensorRt, 26)]
    [InlineData("flux-tiny-kontext", Target.Cpu, 39)]     // + guidance_in 13
    [InlineData("flux-tiny-fill", Target.TensorRt, 39)]
    [InlineData("flux-tiny-canny", Target.Cpu, 39)]
    [InlineData("t5", Target.Cpu, 11)]                   // 2 blocks × (2 norms, 2 adds, wo) + final norm
    [InlineData("t5", Target.TensorRt, 11)]
    [InlineData("clip", Target.Cpu, 0)]
    [InlineData("clip", Target.TensorRt, 0)]
    [InlineData("vae_decoder", Target.Cpu, 16)]           // mid.attn_1 with MultiHeadAttention
    [InlineData("vae_decoder", Target.TensorRt, 18)]      // mid.attn_1 decomposed
    [InlineData("vae_encoder", Target.Cpu, 16)]
    [InlineData("vae_encoder", Target.TensorRt, 18)]
    public void Fixture_components_keep_their_count_of_nodes(string component, Target target, int kept)
    {
        Assert.Equal(kept, Build(component, target).KeptFloat32.Count);
    }

    [Fact]
    public void Tiny_transformer_keeps_rope_time_embedding_and_the_last_single_blocks_residual_stream()
    {
        var model = Build("flux-tiny-schnell", Target.Cpu);
        var nodes = model.Proto.Graph.Node.Select(n => n.Name).ToArray();
        var kept = model.KeptFloat32;

        Assert.All(nodes.Where(n => n.StartsWith("/transformer/pe_embedder/", StringComparison.Ordinal)), n => Assert.Contains(n, kept));
        Assert.All(nodes.Where(n => n.StartsWith("/transformer/time_in/", StringComparison.Ordinal)), n => Assert.Contains(n, kept));
        Assert.Equal(8, kept.Count(n => n.StartsWith("/transformer/pe_embedder/", StringComparison.Ordinal)));
        Assert.Equal(12, kept.Count(n => n.StartsWith("/transformer/time_in/", StringComparison.Ordinal)));
        // 2 single blocks: the last quarter, at least one, keeps pre_norm, its modulation adds and the residual add.
        Assert.Equal(
            ["/transformer/single_blocks.1/Add", "/transformer/single_blocks.1/Add_1", "/transformer/single_blocks.1/Add_2",
             "/transformer/single_blocks.1/LayerNormalization"],
            kept.Where(n => n.StartsWith("/transformer/single_blocks.", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains("/transformer/Split", kept);
        Assert.Contains("/transformer/final_layer/LayerNormalization", kept);
        Assert.DoesNotContain("/transformer/single_blocks.1/Mul", kept);          // (1 + scale) · norm stays fp16
        Assert.DoesNotContain("/transformer/single_blocks.1/linear2/Add", kept);  // the Linear bias stays fp16
        Assert.DoesNotContain("/transformer/final_layer/Add", kept);
        Assert.DoesNotContain(kept, n => n.StartsWith("/transformer/double_blocks.", StringComparison.Ordinal));
        Assert.DoesNotContain(kept, n => n.StartsWith("/transformer/vector_in/", StringComparison.Ordinal));
    }

    [Fact]
    public void Guidance_distilled_transformer_keeps_guidance_in_with_its_add()
    {
        var kept = Build("flux-tiny-kontext", Target.Cpu).KeptFloat32;

        Assert.Equal(13, kept.Count(n => n.StartsWith("/transformer/guidance_in/", StringComparison.Ordinal)));
        Assert.Contains("/transformer/guidance_in/Add", kept);
        Assert.Contains("/transformer/guidance_in/out_layer/MatMul", kept);
    }

    [Theory]
    [InlineData(true, 75)]
    [InlineData(false, 62)]
    public void Full_size_transformer_keeps_the_residual_stream_of_single_blocks_28_to_37(bool dev, int count)
    {
        var g = new GraphBuilder(new GraphBuilderOptions { RootScope = "transformer" });
        FluxTransformerGraph.Build(g, WeightRegistry.ShapeOnly(g).Root, dev ? FluxConfig.FluxDev : FluxConfig.FluxSchnell);
        var kept = g.Build().KeptFloat32;

        Assert.Equal(count, kept.Count);
        for (int i = 0; i < 38; i++)
        {
            Assert.Equal(i >= 28 ? 4 : 0, kept.Count(n => n.StartsWith($"/transformer/single_blocks.{i}/", StringComparison.Ordinal)));
        }
        Assert.Equal(dev ? 13 : 0, kept.Count(n => n.StartsWith("/transformer/guidance_in/", StringComparison.Ordinal)));
    }

    [Fact]
    public void T5_keeps_its_layer_norms_residual_adds_and_ffn_output()
    {
        var kept = Build("t5", Target.Cpu).KeptFloat32;

        string[] block = ["layer.0/layer_norm/RMSNormalization", "layer.0/Add", "layer.1/layer_norm/RMSNormalization",
            "layer.1/DenseReluDense/wo/MatMul", "layer.1/Add"];
        var expected = Enumerable.Range(0, 2).SelectMany(i => block.Select(n => $"/text_encoder_2/encoder/block.{i}/{n}"))
            .Append("/text_encoder_2/encoder/final_layer_norm/RMSNormalization");
        Assert.Equal(expected.Order(StringComparer.Ordinal), kept.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("vae_decoder", Target.Cpu)]
    [InlineData("vae_encoder", Target.TensorRt)]
    public void Vae_keeps_exactly_the_mid_block_attention(string component, Target target)
    {
        var model = Build(component, target);
        var inMidAttention = model.Proto.Graph.Node.Select(n => n.Name).Where(n => n.Contains("/mid/attn_1/", StringComparison.Ordinal));

        Assert.Equal(inMidAttention.Order(StringComparer.Ordinal), model.KeptFloat32.Order(StringComparer.Ordinal));
        Assert.Contains($"/{component}/{(component == "vae_decoder" ? "decoder" : "encoder")}/mid/attn_1/proj_out/Conv", model.KeptFloat32);
    }

    private static BuiltModel Build(string component, Target target)
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
