using FluxOnnx.Converter.Conversion;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Passes;
using Xunit;

namespace FluxOnnx.Converter.Tests.Precision;

using Precision = FluxOnnx.Precision;

/// <summary>The float16 pass on the tiny transformer: its preconditions and the float32 / float16 regions it makes.</summary>
public sealed class Float16PassTests
{
    [Fact]
    public void Pass_refuses_a_graph_that_already_holds_float16()
    {
        var model = TinySchnell.Run(WeightPolicies.For(Precision.Fp16)).Model;
        var e = Assert.Throws<PassConditionException>(() => Float16Pass.Apply(model));
        Assert.Equal(nameof(Float16Pass), e.Pass);
    }

    [Fact]
    public void Pass_refuses_quantized_linears()
    {
        var model = TinySchnell.Run(WeightPolicies.For(Precision.Int4)).Model;
        var e = Assert.Throws<PassConditionException>(() => Float16Pass.Apply(model));
        Assert.Contains("MatMulNBits", e.Node, StringComparison.Ordinal);
    }

    [Fact]
    public void Kept_nodes_read_float32_and_converted_nodes_float16()
    {
        var model = TinySchnell.Run(WeightPolicies.For(Precision.Fp16)).Model;
        var graph = model.Proto.Graph;
        var types = graph.Initializer.ToDictionary(t => t.Name, t => (ElementType)t.DataType);
        // The shared LayerNormalization ones constant is read by kept and converted norms: stored twice.
        var norm0 = graph.Node.Single(n => n.Name == "/transformer/single_blocks.0/LayerNormalization");
        var norm1 = graph.Node.Single(n => n.Name == "/transformer/single_blocks.1/LayerNormalization");
        Assert.Equal(ElementType.Float16, types[norm0.Input[1]]);
        Assert.Equal(ElementType.Float, types[norm1.Input[1]]);
        Assert.Equal(norm1.Input[1] + "/float16", norm0.Input[1]);
        Assert.Contains(norm1.Name, model.KeptFloat32);
        Assert.DoesNotContain(norm0.Name, model.KeptFloat32);
    }
}
