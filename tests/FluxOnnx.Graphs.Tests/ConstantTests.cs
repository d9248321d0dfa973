using FluxOnnx.Graphs.Building;
using Xunit;

namespace FluxOnnx.Graphs.Tests;

public sealed class ConstantTests
{
    [Fact]
    public void The_same_constant_used_many_times_is_one_initializer()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", ElementType.Float, new Shape(4));
        for (int i = 0; i < 500; i++)
        {
            x = g.Mul(x, g.Constant(0.5f));
        }
        g.Output(x, "y");

        var graph = g.Build().Proto.Graph;

        var initializer = Assert.Single(graph.Initializer);
        Assert.Equal("/constants/FLOAT/0.5", initializer.Name);
        Assert.All(graph.Node, n => Assert.Equal("/constants/FLOAT/0.5", n.Input[1]));
    }

    [Fact]
    public void Constants_differing_in_type_shape_or_value_stay_separate()
    {
        var g = new GraphBuilder();

        var a = g.Constant(1.0f);
        var b = g.Constant((Half)1.0f);
        var c = g.Constant([1.0f]);
        var d = g.Constant(2.0f);
        var e = g.Constant(1.0f);
        var f = g.Scalar(1.0, ElementType.Float);

        Assert.Same(a, e);
        Assert.Same(a, f);
        Assert.Equal(4, new[] { a, b, c, d }.Distinct().Count());
        Assert.Equal(ElementType.Float16, b.ElementType);
        Assert.Equal(new Shape(1), c.Shape);
        Assert.Equal(Shape.Scalar, a.Shape);
    }

    [Fact]
    public void Int64_constants_feeding_layout_ops_are_shared()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", ElementType.Float, new Shape("batch", 3072));
        var y = g.Unsqueeze(g.Unsqueeze(x, 1), 1);
        g.Output(y, "y");

        var graph = g.Build().Proto.Graph;

        Assert.Equal("/constants/INT64/[1]", Assert.Single(graph.Initializer).Name);
        Assert.Equal(new Shape("batch", 1, 1, 3072), y.Shape);
    }

    [Fact]
    public void Bfloat16_scalar_rounds_to_nearest_even()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", ElementType.BFloat16, new Shape(2));
        g.Output(g.Mul(x, g.Scalar(1.00390625, ElementType.BFloat16)), "y");

        var model = g.Build();
        using var bytes = new MemoryStream();
        model.InitializerSources[0].WriteTo(bytes, CancellationToken.None);

        // 1 + 2^-8 lies halfway between bf16 1.0 (0x3F80) and 1.0078125 (0x3F81): ties go to the even 0x3F80.
        Assert.Equal(new byte[] { 0x80, 0x3F }, bytes.ToArray());
        Assert.Equal((int)ElementType.BFloat16, model.Proto.Graph.Initializer[0].DataType);
    }
}
