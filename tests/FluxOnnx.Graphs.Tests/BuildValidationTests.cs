using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;
using Xunit;

namespace FluxOnnx.Graphs.Tests;

public sealed class BuildValidationTests
{
    [Fact]
    public void A_value_from_another_builder_is_reported_with_node_and_value_name()
    {
        var other = new GraphBuilder();
        var foreign = other.Input("foreign", ElementType.Float, new Shape(2));
        var g = new GraphBuilder();
        var x = g.Input("x", ElementType.Float, new Shape(2));
        using (g.Scope("mix"))
        {
            g.Output(g.Add(x, foreign), "y");
        }

        var error = Assert.Throws<UndefinedValueException>(() => g.Build());

        Assert.Equal("/mix/Add", error.NodeName);
        Assert.Equal("foreign", error.ValueName);
    }

    [Fact]
    public void A_graph_without_outputs_is_rejected()
    {
        var g = new GraphBuilder(new GraphBuilderOptions { GraphName = "vae_decoder" });
        g.Input("x", ElementType.Float, new Shape(2));

        var error = Assert.Throws<GraphHasNoOutputsException>(() => g.Build());

        Assert.Equal("vae_decoder", error.GraphName);
    }

    [Fact]
    public void An_initializer_named_like_an_input_is_a_duplicate()
    {
        var g = new GraphBuilder();
        var x = g.Input("img_in.weight", ElementType.Float, new Shape(2));
        var w = g.Initializer("img_in.weight", new ArrayTensorSource<float>(new float[2], [2]));
        g.Output(g.Add(x, w), "y");

        var error = Assert.Throws<DuplicateValueNameException>(() => g.Build());

        Assert.Equal("img_in.weight", error.ValueName);
    }

    [Fact]
    public void Two_outputs_with_one_public_name_are_duplicates()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", ElementType.Float, new Shape(2));
        g.Output(g.Neg(x), "y");
        g.Output(g.Exp(x), "y");

        Assert.Equal("y", Assert.Throws<DuplicateValueNameException>(() => g.Build()).ValueName);
    }

    [Fact]
    public void Symbolic_dims_become_dim_param_in_input_and_output_value_info()
    {
        var g = new GraphBuilder();
        var x = g.Input("img", ElementType.Float16, new Shape("batch", "img_tokens", 64));
        g.Output(g.Reshape(x, 0, 0, 4, 16), "heads");

        var graph = g.Build().Proto.Graph;

        var input = graph.Input[0].Type.TensorType;
        Assert.Equal((int)ElementType.Float16, input.ElemType);
        Assert.Equal(["batch", "img_tokens", ""], input.Shape.Dim.Select(d => d.DimParam));
        Assert.Equal(64, input.Shape.Dim[2].DimValue);
        var output = graph.Output[0];
        Assert.Equal("heads", output.Name);
        Assert.Equal(["batch", "img_tokens", "", ""], output.Type.TensorType.Shape.Dim.Select(d => d.DimParam));
        Assert.Equal([0L, 0L, 4L, 16L], output.Type.TensorType.Shape.Dim.Select(d => d.DimValue));
    }
}
