using FluxOnnx.Packaging;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Weights;
using Xunit;
using FluxOnnx.Graphs.Layers;

namespace FluxOnnx.Graphs.Tests.Flux;

/// <summary>
/// The full-size FLUX.1 [dev] graph, built without weights, has one attention node per block (19 double + 38
/// single) in each fused form and the plain Softmax pattern for TensorRT. The norm and GELU counts equal those
/// ONNX Runtime's FLUX fusion reports (FLUX-FACTS.md: LayerNormalization 115, SimplifiedLayerNormalization 152,
/// FastGelu 76).
/// </summary>
public sealed class FluxOpCountTests
{
    private const int Blocks = 19 + 38;

    [Theory]
    [InlineData(AttentionTarget.Cpu, null, "MultiHeadAttention")]
    [InlineData(AttentionTarget.Cuda, null, "MultiHeadAttention")]
    [InlineData(AttentionTarget.DirectMl, null, "MultiHeadAttention")]
    [InlineData(AttentionTarget.Cpu, AttentionForm.MultiHeadAttention, "MultiHeadAttention")]
    [InlineData(AttentionTarget.Cpu, AttentionForm.OnnxAttention, "Attention")]
    public void Fused_forms_have_one_attention_node_per_block_and_no_softmax(AttentionTarget target, AttentionForm? form, string fusedOp)
    {
        var model = BuildDev(new FluxGraphOptions { Target = target, Attention = form });

        Assert.Equal(Blocks, model.CountOps(fusedOp));
        Assert.Equal(0, model.CountOps(fusedOp == "Attention" ? "MultiHeadAttention" : "Attention"));
        Assert.Equal(0, model.CountOps("Softmax"));
    }

    [Fact]
    public void TensorRt_form_has_one_softmax_per_block_and_no_fused_attention()
    {
        var model = BuildDev(new FluxGraphOptions { Target = AttentionTarget.TensorRt });

        Assert.Equal(Blocks, model.CountOps("Softmax"));
        Assert.Equal(2 * Blocks, model.CountOps("MatMul") - LinearCount);
        Assert.Equal(0, model.CountOps("MultiHeadAttention"));
        Assert.Equal(0, model.CountOps("Attention"));
    }

    [Fact]
    public void Norms_and_gelus_match_the_counts_of_ort_flux_fusion()
    {
        var model = BuildDev(new FluxGraphOptions());

        Assert.Equal(19 * 4 + 38 + 1, model.CountOps("LayerNormalization"));        // 115
        Assert.Equal(19 * 4 + 38 * 2, model.CountOps("RMSNormalization"));          // 152
        Assert.Equal(19 * 2 + 38, model.CountOps("Gelu"));                          // 76
        Assert.Equal(LinearCount, model.CountOps("MatMul"));
    }

    [Fact]
    public void Dev_declares_guidance_and_schnell_does_not()
    {
        var dev = BuildDev(new FluxGraphOptions());
        var g = new GraphBuilder();
        FluxTransformerGraph.Build(g, WeightRegistry.ShapeOnly(g).Root, FluxConfig.FluxSchnell);
        var schnell = g.Build();

        string[] common = [FluxIo.HiddenStates, FluxIo.EncoderHiddenStates, FluxIo.PooledProjections,
            FluxIo.Timestep, FluxIo.ImgIds, FluxIo.TxtIds];
        Assert.Equal([.. common, FluxIo.Guidance], dev.Proto.Graph.Input.Select(i => i.Name));
        Assert.Equal(common, schnell.Proto.Graph.Input.Select(i => i.Name));
        var latent = Assert.Single(dev.Proto.Graph.Output);
        Assert.Equal(FluxIo.Latent, latent.Name);
        Assert.Equal(["batch", "img_tokens", ""], latent.Type.TensorType.Shape.Dim.Select(d => d.DimParam));
        Assert.Equal(64, latent.Type.TensorType.Shape.Dim[2].DimValue);
    }

    // Linear layers of FLUX.1 dev: img_in, txt_in, time_in ×2, guidance_in ×2, vector_in ×2, final_layer ×2,
    // per double block 2 mod + 2 qkv + 2 proj + 4 mlp = 10, per single block modulation + linear1 + linear2 = 3.
    private const int LinearCount = 10 + 19 * 10 + 38 * 3;

    private static BuiltModel BuildDev(FluxGraphOptions options)
    {
        var g = new GraphBuilder(new GraphBuilderOptions { RootScope = "transformer" });
        FluxTransformerGraph.Build(g, WeightRegistry.ShapeOnly(g).Root, FluxConfig.FluxDev, options);
        return g.Build();
    }
}
