using FluxOnnx.Graphs.Building;
using Xunit;

namespace FluxOnnx.Graphs.Tests;

/// <summary>Keep-float32 regions tag the nodes emitted inside them, optionally by op type; the built model lists them.</summary>
public sealed class KeepFloat32RegionTests
{
    [Fact]
    public void Nodes_emitted_inside_a_region_are_kept_and_others_are_not()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", ElementType.Float, new Shape(4));
        var a = g.Neg(x);
        Value b;
        using (g.KeepFloat32())
        using (g.Scope("kept"))
        {
            b = g.Sigmoid(g.Neg(a));
        }
        g.Output(g.Neg(b), "y");

        var model = g.Build();

        Assert.Equal(["/kept/Neg", "/kept/Sigmoid"], model.KeptFloat32.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_region_with_op_types_tags_only_those_and_regions_nest()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", ElementType.Float, new Shape(4));
        Value y;
        using (g.KeepFloat32("Add"))
        {
            y = g.Add(g.Mul(x, x), x);                  // Mul not tagged, Add tagged
            using (g.KeepFloat32If(false)) y = g.Mul(y, x);
            using (g.KeepFloat32If(true, "Neg")) y = g.Add(g.Neg(y), x);
        }
        g.Output(y, "y");

        var model = g.Build();

        Assert.Equal(["/Add", "/Add_1", "/Neg"], model.KeptFloat32.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Disposing_an_outer_region_before_an_inner_one_is_rejected()
    {
        var g = new GraphBuilder();
        var outer = g.KeepFloat32();
        g.KeepFloat32();

        Assert.Throws<InvalidOperationException>(() => outer.Dispose());
    }
}
