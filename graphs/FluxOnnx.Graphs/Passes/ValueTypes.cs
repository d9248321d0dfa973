using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Onnx;

namespace FluxOnnx.Graphs.Passes;

/// <summary>
/// Element types of every value of a graph built by <see cref="GraphBuilder"/> (whose proto carries types only
/// for graph I/O and initializers), propagated node by node: most ops keep their first input's type; the ops
/// below set another. Enough for the ops FluxOnnx emits; passes check their own preconditions on top.
/// </summary>
internal static class ValueTypes
{
    public static Dictionary<string, ElementType> Infer(GraphProto graph)
    {
        var types = new Dictionary<string, ElementType>(StringComparer.Ordinal);
        foreach (var input in graph.Input) types[input.Name] = (ElementType)input.Type.TensorType.ElemType;
        foreach (var init in graph.Initializer) types[init.Name] = (ElementType)init.DataType;
        foreach (var node in graph.Node)
        {
            for (int i = 0; i < node.Output.Count; i++)
            {
                types[node.Output[i]] = OutputType(node, types);
            }
        }
        return types;
    }

    public static ElementType OutputType(NodeProto node, IReadOnlyDictionary<string, ElementType> types)
    {
        ElementType Input(int i) => i < node.Input.Count && node.Input[i].Length > 0 ? types[node.Input[i]] : ElementType.Undefined;
        AttributeProto? Attr(string name) => node.Attribute.FirstOrDefault(a => a.Name == name);
        return node.OpType switch
        {
            "Cast" => (ElementType)Attr("to")!.I,
            "Shape" or "Size" or "NonZero" or "ArgMax" or "ArgMin" => ElementType.Int64,
            "Equal" or "Less" or "Greater" or "LessOrEqual" or "GreaterOrEqual" or "Not" or "And" or "Or" or "IsNaN" or "IsInf" => ElementType.Bool,
            "Where" => Input(1),
            "DequantizeLinear" => Attr("output_dtype") is { } dtype ? (ElementType)dtype.I : Input(1),
            "QuantizeLinear" => Input(2) != ElementType.Undefined ? Input(2)
                : Attr("output_dtype") is { } qtype ? (ElementType)qtype.I : ElementType.UInt8,
            "ConstantOfShape" => Attr("value") is { } value ? (ElementType)value.T.DataType : ElementType.Float,
            "Constant" => Attr("value") is { } constant ? (ElementType)constant.T.DataType : ElementType.Undefined,
            _ => node.Input.Where(n => n.Length > 0).Select(n => types[n]).FirstOrDefault(),
        };
    }
}
