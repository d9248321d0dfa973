using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Onnx;

namespace FluxOnnx.Tools.Calibration;

/// <summary>
/// Turns an fp32 transformer graph into its recording form: for every Linear (a MatMul whose weight is the
/// initializer <c>{name}.weight</c>) adds
/// <code>
///   x ─MatMul(W)─►            (unchanged)
///   └─Abs─ReduceMax(keepdims 0)─► graph output calibration/{name}   (scalar max |x|)
/// </code>
/// so one run of the package's own graph, on its own weights, yields every Linear input's range.
/// </summary>
internal static class AmaxRecordGraph
{
    public const string OutputPrefix = "calibration/";
    private const string WeightSuffix = ".weight";

    /// <summary>Adds the outputs to <paramref name="model"/>; returns the Linear names in graph order.</summary>
    public static IReadOnlyList<string> AddOutputs(ModelProto model)
    {
        var graph = model.Graph;
        var initializers = new HashSet<string>(graph.Initializer.Select(t => t.Name), StringComparer.Ordinal);
        var linears = graph.Node
            .Where(n => n.OpType == "MatMul" && string.IsNullOrEmpty(n.Domain) && n.Input.Count == 2
                && initializers.Contains(n.Input[1]) && n.Input[1].EndsWith(WeightSuffix, StringComparison.Ordinal))
            .ToArray();
        var names = new List<string>(linears.Length);
        foreach (var matmul in linears)
        {
            var name = matmul.Input[1][..^WeightSuffix.Length];
            var abs = OutputPrefix + name + "/abs";
            graph.Node.Add(new NodeProto { Name = abs, OpType = "Abs", Input = { matmul.Input[0] }, Output = { abs } });
            graph.Node.Add(new NodeProto
            {
                Name = OutputPrefix + name + "/amax",
                OpType = "ReduceMax",
                Input = { abs },
                Output = { OutputPrefix + name },
                Attribute = { new AttributeProto { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = 0 } },
            });
            graph.Output.Add(new ValueInfoProto
            {
                Name = OutputPrefix + name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)ElementType.Float, Shape = new TensorShapeProto() } },
            });
            names.Add(name);
        }
        return names;
    }
}
