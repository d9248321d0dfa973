using FluxOnnx.Graphs.Building;
using Xunit;

namespace FluxOnnx.Graphs.Tests;

public sealed class NodeNamingTests
{
    [Fact]
    public void Nested_scopes_give_path_node_names_and_collisions_get_a_counter()
    {
        var g = new GraphBuilder(new GraphBuilderOptions { RootScope = "transformer" });
        var x = g.Input("x", ElementType.Float, new Shape(2, 8));
        var w = g.Input("w", ElementType.Float, new Shape(8, 8));
        Value y;
        using (g.Scope("double_blocks.3"))
        using (g.Scope("img_attn"))
        using (g.Scope("qkv"))
        {
            y = g.MatMul(x, w);
            y = g.MatMul(y, w);
        }
        g.Output(g.MatMul(y, w), "y");

        var names = g.Build().Proto.Graph.Node.Select(n => n.Name).ToArray();

        Assert.Equal(
            ["/transformer/double_blocks.3/img_attn/qkv/MatMul", "/transformer/double_blocks.3/img_attn/qkv/MatMul_1", "/transformer/MatMul"],
            names);
    }

    [Fact]
    public void Node_outputs_are_named_after_the_node_and_graph_outputs_take_their_public_name()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", ElementType.Float, new Shape(2));
        Value hidden;
        using (g.Scope("act"))
        {
            hidden = g.Sigmoid(x);
        }
        var y = g.Neg(hidden);
        g.Output(y, "y");

        var nodes = g.Build().Proto.Graph.Node;

        Assert.Equal("/act/Sigmoid/output_0", nodes[0].Output[0]);
        Assert.Equal("/act/Sigmoid/output_0", nodes[1].Input[0]);
        Assert.Equal("y", nodes[1].Output[0]);
    }

    [Fact]
    public void Exporting_a_graph_input_or_the_same_value_twice_goes_through_identity()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", ElementType.Float, new Shape(2));
        var y = g.Neg(x);
        g.Output(y, "y");
        g.Output(y, "y_again");
        g.Output(x, "x_out");

        var graph = g.Build().Proto.Graph;

        Assert.Equal(["y", "y_again", "x_out"], graph.Output.Select(o => o.Name));
        Assert.Equal(["Neg", "Identity", "Identity"], graph.Node.Select(n => n.OpType));
        Assert.Equal("y", graph.Node[1].Input[0]);
        Assert.Equal("/outputs/Identity_1", graph.Node[2].Name);
    }

    [Fact]
    public void Scope_segment_with_a_slash_is_rejected()
    {
        var g = new GraphBuilder();

        Assert.Throws<ArgumentException>(() => g.Scope("double_blocks/3"));
    }

    [Fact]
    public void Disposing_an_outer_scope_before_an_inner_one_is_rejected()
    {
        var g = new GraphBuilder();
        var outer = g.Scope("outer");
        g.Scope("inner");

        Assert.Throws<InvalidOperationException>(() => outer.Dispose());
    }
}
