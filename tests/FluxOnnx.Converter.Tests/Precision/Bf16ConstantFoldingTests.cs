using FluxOnnx.TestSupport;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Onnx;
using FluxOnnx.Graphs.Writing;
using FluxOnnx.Runtime;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace FluxOnnx.Converter.Tests.Precision;

using Precision = FluxOnnx.Precision;

/// <summary>
/// bf16 stores Linear weights as bfloat16 and casts them to float32 in the graph (ORT CPU has no bfloat16
/// MatMul). ORT's constant folding turns Cast(initializer) into a float32 initializer at session init: the Cast
/// never runs per step, and run-time weight memory is float32's (only the files halve).
/// </summary>
public sealed class Bf16ConstantFoldingTests
{
    [Fact]
    public void Session_init_folds_every_bfloat16_cast_into_a_float32_initializer()
    {
        using var temp = new TempDirectory();
        using var file = Converter.Checkpoints.Checkpoint.Open(TinySchnell.Checkpoint);
        var built = ComponentGraphFactory.Transformer(file.OpenComponent(Checkpoints.ComponentKind.Transformer), TinySchnell.ParamsJson,
            Target.Cpu, WeightPolicies.For(Precision.Bf16));
        string path = Path.Combine(temp.Path, "transformer.onnx");
        string optimized = Path.Combine(temp.Path, "optimized.onnx");
        new OnnxModelWriter().Write(built.Model, path);
        Assert.Contains(built.Model.Proto.Graph.Initializer, t => t.DataType == (int)ElementType.BFloat16);

        using var options = new SessionSettings(OptimizationLevel: GraphOptimizationLevel.ORT_ENABLE_BASIC).CreateOptions(out _);
        options.OptimizedModelFilePath = optimized;
        using (new ModelSession(path, options)) { }

        var graph = ModelProto.Parser.ParseFrom(File.ReadAllBytes(optimized)).Graph;
        Assert.DoesNotContain(graph.Initializer, t => t.DataType == (int)ElementType.BFloat16);
        Assert.DoesNotContain(graph.Node, n => n.OpType == "Cast" && n.Input[0].EndsWith(".weight", StringComparison.Ordinal));
        Assert.Contains(graph.Initializer, t => t.DataType == (int)ElementType.Float && t.Dims.Count == 2);
    }
}
