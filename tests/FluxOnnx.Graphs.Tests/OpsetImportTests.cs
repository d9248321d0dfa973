using FluxOnnx.Graphs.Building;
using Xunit;

namespace FluxOnnx.Graphs.Tests;

public sealed class OpsetImportTests
{
    private static Dictionary<string, long> Opsets(GraphBuilder g) =>
        g.Build().Proto.OpsetImport.ToDictionary(o => o.Domain, o => o.Version);

    [Fact]
    public void Standard_ops_import_only_ai_onnx_at_23_with_ir_10()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", ElementType.Float, new Shape("batch", 8));
        g.Output(g.RmsNormalization(x, g.Constant(new float[8], [8])), "y");

        var model = g.Build().Proto;

        Assert.Equal(10, model.IrVersion);
        Assert.Equal(new Dictionary<string, long> { [""] = 23 }, Opsets(g));
    }

    [Fact]
    public void Microsoft_domain_is_imported_once_a_contrib_op_is_used()
    {
        var g = new GraphBuilder();
        var q = g.Input("q", ElementType.Float, new Shape(1, "tokens", 64));
        g.Output(g.MultiHeadAttention(q, q, q, numHeads: 2), "y");

        var node = Assert.Single(g.Build().Proto.Graph.Node);

        Assert.Equal("com.microsoft", node.Domain);
        Assert.Equal(new Dictionary<string, long> { [""] = 23, ["com.microsoft"] = 1 }, Opsets(g));
    }

    [Fact]
    public void SimplifiedLayerNormalization_stays_in_the_default_domain()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", ElementType.Float, new Shape(2, 8));
        g.Output(g.SimplifiedLayerNormalization(x, g.Constant(new float[8], [8])), "y");

        var node = Assert.Single(g.Build().Proto.Graph.Node);

        Assert.Equal("", node.Domain);
        Assert.Equal(new Dictionary<string, long> { [""] = 23 }, Opsets(g));
    }

    [Fact]
    public void Generic_op_in_a_custom_domain_imports_the_declared_version()
    {
        var g = new GraphBuilder();
        g.ImportOpset("org.example", 3);
        var x = g.Input("x", ElementType.Float, new Shape(2));
        g.Output(g.Op("Frobnicate", [x], [NodeAttribute.Int("level", 2)], ElementType.Float, new Shape(2), "org.example"), "y");

        Assert.Equal(3, Opsets(g)["org.example"]);
        Assert.Equal(2, g.Build().Proto.Graph.Node[0].Attribute[0].I);
    }

    [Fact]
    public void An_op_newer_than_the_target_opset_is_rejected_with_both_versions()
    {
        var g = new GraphBuilder(new GraphBuilderOptions { OnnxOpset = 21 });
        var x = g.Input("x", ElementType.Float, new Shape(2, 8));

        var error = Assert.Throws<OpsetTooLowException>(() => g.RmsNormalization(x, x));

        Assert.Equal("RMSNormalization", error.OpType);
        Assert.Equal(23, error.Required);
        Assert.Equal(21, error.Actual);
    }

    [Fact]
    public void Ir_version_and_metadata_are_configurable()
    {
        var g = new GraphBuilder(new GraphBuilderOptions { IrVersion = 11, GraphName = "transformer" })
        {
            ProducerName = "FluxOnnx",
            ProducerVersion = "0.1.0",
            DocString = "FLUX.1 transformer",
        };
        g.AddMetadata("flux.variant", "schnell");
        var x = g.Input("x", ElementType.Float, new Shape(2));
        g.Output(g.Neg(x), "y");

        var model = g.Build().Proto;

        Assert.Equal(11, model.IrVersion);
        Assert.Equal("transformer", model.Graph.Name);
        Assert.Equal("0.1.0", model.ProducerVersion);
        Assert.Equal("FLUX.1 transformer", model.DocString);
        Assert.Equal("schnell", Assert.Single(model.MetadataProps, p => p.Key == "flux.variant").Value);
        Assert.Throws<ArgumentException>(() => g.AddMetadata("flux.variant", "dev"));
    }
}
