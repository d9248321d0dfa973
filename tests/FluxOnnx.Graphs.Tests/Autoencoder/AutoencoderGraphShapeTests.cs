using FluxOnnx.Packaging;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.Autoencoder;
using FluxOnnx.Graphs.Weights;
using Xunit;
using FluxOnnx.Graphs.Layers;

namespace FluxOnnx.Graphs.Tests.Autoencoder;

/// <summary>Graph structure: I/O, op choices per attention form, node names, and the full-size preset.</summary>
public sealed class AutoencoderGraphShapeTests
{
    [Theory]
    [InlineData(AttentionForm.MultiHeadAttention, "MultiHeadAttention")]
    [InlineData(AttentionForm.OnnxAttention, "Attention")]
    [InlineData(AttentionForm.Decomposed, "Softmax")]
    public void Each_attention_form_emits_one_attention_core(AttentionForm form, string coreOp)
    {
        var model = Build(encoder: true, AutoencoderConfig.Ae, form);

        Assert.Equal(1, model.CountOps(coreOp));
        int fused = model.CountOps("MultiHeadAttention") + model.CountOps("Attention");
        Assert.Equal(form == AttentionForm.Decomposed ? 0 : 1, fused);
        Assert.Equal(form == AttentionForm.Decomposed ? 2 : 0, model.CountOps("MatMul"));
    }

    [Fact]
    public void Full_size_encoder_has_bfl_structure()
    {
        var model = Build(encoder: true, AutoencoderConfig.Ae, AttentionForm.MultiHeadAttention);
        var graph = model.Proto.Graph;

        // 106 encoder.* tensors in BFL ae.safetensors: conv_in 2, 4 levels × 2 blocks × 8, 2 nin_shortcuts × 2,
        // 3 downsamples × 2, mid 2 × 8 + attn 10, norm_out 2, conv_out 2.
        Assert.Equal(106, graph.Initializer.Count(i => i.Name.StartsWith("encoder.", StringComparison.Ordinal)));
        // 8 ResnetBlocks × 2 + mid 2 × 2 + attn 1 + norm_out 1.
        Assert.Equal(22, model.CountOps("GroupNormalization"));
        Assert.Equal(0, model.CountOps("Pad")); // Downsample's (0, 1, 0, 1) padding lives in the Conv's pads
        Assert.Contains(graph.Node, n => n.Name == "/encoder/down.1/block.0/nin_shortcut/Conv");
        Assert.Contains(graph.Node, n => n.Name == "/encoder/mid/attn_1/attention/MultiHeadAttention");

        var input = Assert.Single(graph.Input);
        Assert.Equal(FluxIo.Images, input.Name);
        Assert.Equal(["batch", "", "height", "width"], input.Type.TensorType.Shape.Dim.Select(d => d.DimParam));
        Assert.Equal(3, input.Type.TensorType.Shape.Dim[1].DimValue);
        var output = Assert.Single(graph.Output);
        Assert.Equal(FluxIo.Latent, output.Name);
        Assert.Equal(16, output.Type.TensorType.Shape.Dim[1].DimValue);
    }

    [Fact]
    public void Full_size_decoder_has_bfl_structure()
    {
        var model = Build(encoder: false, AutoencoderConfig.Ae, AttentionForm.MultiHeadAttention);
        var graph = model.Proto.Graph;

        // 138 decoder.* tensors: conv_in 2, mid 26, 4 levels × 3 blocks × 8, 2 nin_shortcuts × 2, 3 upsamples × 2,
        // norm_out 2, conv_out 2.
        Assert.Equal(138, graph.Initializer.Count(i => i.Name.StartsWith("decoder.", StringComparison.Ordinal)));
        Assert.Equal(3, model.CountOps("Resize"));
        Assert.Contains(graph.Node, n => n.Name == "/decoder/up.0/block.0/nin_shortcut/Conv");
        Assert.Equal(FluxIo.Latent, Assert.Single(graph.Input).Name);
        var output = Assert.Single(graph.Output);
        Assert.Equal(FluxIo.Images, output.Name);
        Assert.Equal(3, output.Type.TensorType.Shape.Dim[1].DimValue);
        Assert.Equal("latent_height*2*2*2", output.Type.TensorType.Shape.Dim[2].DimParam);
        Assert.Equal(0, model.CountOps("Clip")); // raw output: the runtime clamps when making pixels
    }

    [Fact]
    public void Weight_scope_of_another_builder_is_refused()
    {
        var other = WeightRegistry.ShapeOnly(new GraphBuilder());

        Assert.Throws<ArgumentException>(() => AutoencoderGraphs.BuildDecoder(new GraphBuilder(), other.Root, AutoencoderConfig.Ae));
    }

    private static BuiltModel Build(bool encoder, AutoencoderConfig config, AttentionForm form)
    {
        var g = new GraphBuilder();
        var weights = WeightRegistry.ShapeOnly(g);
        var options = new AutoencoderGraphOptions { Attention = form };
        if (encoder)
        {
            AutoencoderGraphs.BuildEncoder(g, weights.Root, config, options);
        }
        else
        {
            AutoencoderGraphs.BuildDecoder(g, weights.Root, config, options);
        }
        return g.Build();
    }
}
