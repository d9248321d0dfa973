using FluxOnnx.Converter.Conversion;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Passes;
using Xunit;

namespace FluxOnnx.Converter.Tests.Precision;

/// <summary>The float16 pass's keep-fp32 rule on the tiny transformer, and its preconditions.</summary>
public sealed class Float16PassTests
{
    [Fact]
    public void Rule_keeps_rope_time_embedding_and_the_last_single_block_residual_in_float32()
    {
        var model = TinySchnell.Run(WeightPolicies.For("fp32")).Model;
        var rule = KeepFloat32Rule.For(model.Proto.Graph);
        Assert.Equal(1, rule.FirstLateSingleBlock); // 2 single blocks: the last quarter, at least one
        var nodes = model.Proto.Graph.Node;
        Assert.All(nodes.Where(n => n.Name.StartsWith("/transformer/pe_embedder/", StringComparison.Ordinal)), n => Assert.True(rule.Keeps(n)));
        Assert.All(nodes.Where(n => n.Name.StartsWith("/transformer/time_in/", StringComparison.Ordinal)), n => Assert.True(rule.Keeps(n)));
        Assert.Contains(nodes, n => n.Name == "/transformer/single_blocks.1/LayerNormalization" && rule.Keeps(n));
        Assert.Contains(nodes, n => n.Name == "/transformer/single_blocks.0/LayerNormalization" && !rule.Keeps(n));
        Assert.DoesNotContain(nodes, n => n.Name.StartsWith("/transformer/double_blocks.", StringComparison.Ordinal) && rule.Keeps(n));
    }

    [Fact]
    public void Pass_refuses_a_graph_that_already_holds_float16()
    {
        var model = TinySchnell.Run(WeightPolicies.For("fp16")).Model;
        var e = Assert.Throws<PassConditionException>(() => Float16Pass.Apply(model));
        Assert.Equal(nameof(Float16Pass), e.Pass);
    }

    [Fact]
    public void Pass_refuses_quantized_linears()
    {
        var model = TinySchnell.Run(WeightPolicies.For("int4")).Model;
        var e = Assert.Throws<PassConditionException>(() => Float16Pass.Apply(model));
        Assert.Contains("MatMulNBits", e.Node, StringComparison.Ordinal);
    }

    [Fact]
    public void Kept_nodes_read_float32_and_converted_nodes_float16()
    {
        var model = TinySchnell.Run(WeightPolicies.For("fp16")).Model;
        var graph = model.Proto.Graph;
        var rule = KeepFloat32Rule.For(graph);
        var types = graph.Initializer.ToDictionary(t => t.Name, t => (ElementType)t.DataType);
        // The shared LayerNormalization ones constant is read by kept and converted norms: stored twice.
        var norm0 = graph.Node.Single(n => n.Name == "/transformer/single_blocks.0/LayerNormalization");
        var norm1 = graph.Node.Single(n => n.Name == "/transformer/single_blocks.1/LayerNormalization");
        Assert.Equal(ElementType.Float16, types[norm0.Input[1]]);
        Assert.Equal(ElementType.Float, types[norm1.Input[1]]);
        Assert.Equal(norm1.Input[1] + "/float16", norm0.Input[1]);
        Assert.True(rule.Keeps(norm1));
    }
}
