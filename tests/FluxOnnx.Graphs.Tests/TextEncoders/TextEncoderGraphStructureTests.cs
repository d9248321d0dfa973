using FluxOnnx.Packaging;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.Clip;
using FluxOnnx.Graphs.Models.T5;
using FluxOnnx.Graphs.Models.TextEncoders;
using FluxOnnx.Graphs.Weights;
using Xunit;
using FluxOnnx.Graphs.Layers;

namespace FluxOnnx.Graphs.Tests.TextEncoders;

/// <summary>
/// The full-size graphs (T5 v1.1 XXL, CLIP-L), built without weights: one attention node per layer in the chosen
/// form, reference scope names, and the documented I/O.
/// </summary>
public sealed class TextEncoderGraphStructureTests
{
    [Theory]
    [InlineData(AttentionForm.MultiHeadAttention, "MultiHeadAttention")]
    [InlineData(AttentionForm.OnnxAttention, "Attention")]
    [InlineData(AttentionForm.Decomposed, "Softmax")]
    public void T5_xxl_has_one_attention_node_per_block_and_the_documented_io(AttentionForm form, string opType)
    {
        var g = new GraphBuilder();
        T5EncoderGraph.Build(g, WeightRegistry.ShapeOnly(g).Root, T5EncoderConfig.T5V11Xxl, 512, new() { Attention = form });
        var model = g.Build();

        Assert.Equal(24, model.CountOps(opType));
        Assert.Equal(24, new[] { "MultiHeadAttention", "Attention", "Softmax" }.Sum(model.CountOps));
        Assert.Equal(2 * 24 + 1, model.CountOps("RMSNormalization"));
        Assert.Equal(24, model.CountOps("Gelu"));
        Assert.Equal(7 * 24, model.CountOps("MatMul") - (form == AttentionForm.Decomposed ? 2 * 24 : 0));
        Assert.Contains(model.Proto.Graph.Node, n => n.Name == "/encoder/block.23/layer.0/SelfAttention/q/MatMul");
        Assert.Contains(model.Proto.Graph.Node, n => n.Name == "/encoder/block.0/layer.1/DenseReluDense/act/Gelu");

        var input = Assert.Single(model.Proto.Graph.Input);
        Assert.Equal((FluxIo.InputIds, "batch", 512L), (input.Name, input.Type.TensorType.Shape.Dim[0].DimParam, input.Type.TensorType.Shape.Dim[1].DimValue));
        var output = Assert.Single(model.Proto.Graph.Output);
        Assert.Equal(FluxIo.TextEmbeddings, output.Name);
        Assert.Equal(4096L, output.Type.TensorType.Shape.Dim[2].DimValue);
        // Weights: embedding, position-bias table, final norm, and 9 per block.
        Assert.Equal(3 + (9 * 24), model.Proto.Graph.Initializer.Count(i => !i.Name.StartsWith("/constants/", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(AttentionForm.MultiHeadAttention, "MultiHeadAttention")]
    [InlineData(AttentionForm.OnnxAttention, "Attention")]
    [InlineData(AttentionForm.Decomposed, "Softmax")]
    public void Clip_l_has_one_attention_node_per_layer_and_the_documented_io(AttentionForm form, string opType)
    {
        var g = new GraphBuilder();
        ClipTextGraph.Build(g, WeightRegistry.ShapeOnly(g).Root, ClipTextConfig.ClipVitLargePatch14, new() { Attention = form });
        var model = g.Build();

        Assert.Equal(12, model.CountOps(opType));
        Assert.Equal(12, new[] { "MultiHeadAttention", "Attention", "Softmax" }.Sum(model.CountOps));
        Assert.Equal(2 * 12 + 1, model.CountOps("LayerNormalization"));
        Assert.Equal(1, model.CountOps("ArgMax"));
        Assert.Equal(1, model.CountOps("GatherND"));
        Assert.Contains(model.Proto.Graph.Node, n => n.Name == "/text_model/encoder/layers.11/self_attn/out_proj/MatMul");
        Assert.Contains(model.Proto.Graph.Node, n => n.Name == "/text_model/final_layer_norm/LayerNormalization");

        var input = Assert.Single(model.Proto.Graph.Input);
        Assert.Equal((FluxIo.InputIds, 77L), (input.Name, input.Type.TensorType.Shape.Dim[1].DimValue));
        Assert.Equal([FluxIo.TextEmbeddings, FluxIo.PooledEmbeddings], model.Proto.Graph.Output.Select(o => o.Name));
        Assert.Equal(768L, model.Proto.Graph.Output[1].Type.TensorType.Shape.Dim[1].DimValue);
        // Weights: two embeddings, final norm (2), and 16 per layer.
        Assert.Equal(4 + (16 * 12), model.Proto.Graph.Initializer.Count(i => !i.Name.StartsWith("/constants/", StringComparison.Ordinal)));
    }
}
