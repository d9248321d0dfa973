using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Layers;
using FluxOnnx.Graphs.Weights;
using Xunit;

namespace FluxOnnx.Graphs.Tests;

/// <summary>Entering a weight scope enters the node scope of the same path, so node and weight names stay in step.</summary>
public sealed class WeightScopeTests
{
    [Fact]
    public void Entered_modules_name_weights_and_nodes_by_the_same_path()
    {
        var g = new GraphBuilder(new GraphBuilderOptions { RootScope = "transformer" });
        var registry = WeightRegistry.ShapeOnly(g);
        var x = g.Input("x", ElementType.Float, new Shape(2, 8));
        Value y;
        using (var block = registry.Root.Enter("double_blocks", 3))
        using (var attn = block.Enter("img_attn"))
        using (var qkv = attn.Enter("qkv"))
        {
            Assert.Equal("double_blocks.3.img_attn.qkv", qkv.Prefix);
            Assert.Equal("/transformer/double_blocks.3/img_attn/qkv", qkv.NodePath);
            y = Linear.Apply(qkv, x, 8, 8);
        }
        using (var mlp = registry.Root.Enter("img_mlp"))
        using (var fc1 = mlp.Enter(0))
        {
            y = Linear.Apply(fc1, y, 8, 8);
        }
        g.Output(y, "y");

        var graph = g.Build().Proto.Graph;

        Assert.Equal(
            ["/transformer/double_blocks.3/img_attn/qkv/MatMul", "/transformer/double_blocks.3/img_attn/qkv/Add",
             "/transformer/img_mlp/0/MatMul", "/transformer/img_mlp/0/Add"],
            graph.Node.Select(n => n.Name));
        Assert.Equal(
            ["double_blocks.3.img_attn.qkv.weight", "double_blocks.3.img_attn.qkv.bias", "img_mlp.0.weight", "img_mlp.0.bias"],
            graph.Initializer.Select(t => t.Name));
        Assert.Equal("/transformer", g.ScopePath);
    }

    [Fact]
    public void A_plain_node_scope_inside_a_module_holds_no_weights()
    {
        var g = new GraphBuilder(new GraphBuilderOptions { RootScope = "transformer" });
        var registry = WeightRegistry.ShapeOnly(g);
        using var block = registry.Root.Enter("double_blocks", 0);
        using var stream = g.Scope("img");

        var entering = Assert.Throws<NodeScopeMismatchException>(() => block.Enter("img_attn"));
        Assert.Equal("double_blocks.0", entering.WeightPath);
        Assert.Equal("/transformer/double_blocks.0", entering.Expected);
        Assert.Equal("/transformer/double_blocks.0/img", entering.Actual);

        var taking = Assert.Throws<NodeScopeMismatchException>(() => block.Float("scale", 4));
        Assert.Equal("/transformer/double_blocks.0/img", taking.Actual);
    }

    [Fact]
    public void A_disposed_module_gives_no_more_weights()
    {
        var g = new GraphBuilder();
        var registry = WeightRegistry.ShapeOnly(g);
        var norm = registry.Root.Enter("norm");
        norm.Dispose();

        var e = Assert.Throws<NodeScopeMismatchException>(() => norm.Float("scale", 4));
        Assert.Equal("/norm", e.Expected);
        Assert.Equal("", e.Actual);
    }

    [Fact]
    public void Segments_with_a_dot_are_rejected()
    {
        var g = new GraphBuilder();
        var root = WeightRegistry.ShapeOnly(g).Root;

        Assert.Throws<ArgumentException>(() => root.Enter("img_attn.qkv"));
        Assert.Throws<ArgumentException>(() => root.Float("shared.weight", 4));
    }

    [Fact]
    public void NotQuantized_shares_the_node_scope_it_was_made_from()
    {
        var g = new GraphBuilder();
        var root = WeightRegistry.ShapeOnly(g).Root;
        using (var imgIn = root.Enter("img_in").NotQuantized)
        {
            Assert.False(imgIn.Quantizable);
            Assert.Equal("/img_in", g.ScopePath);
        }
        Assert.Equal("", g.ScopePath);
    }
}
