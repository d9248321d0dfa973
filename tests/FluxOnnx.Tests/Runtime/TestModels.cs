using FluxOnnx.Graphs.Onnx;
using Google.Protobuf;
using DataType = FluxOnnx.Graphs.Onnx.TensorProto.Types.DataType;

namespace FluxOnnx.Tests.Runtime;

/// <summary>
/// Builds small ONNX models for the runtime-layer tests from the generated protobuf types and writes them to files.
/// Dimensions are given as <c>long</c> (fixed) or <c>string</c> (symbolic).
/// </summary>
internal static class TestModels
{
    public const int Opset = 21;

    public static ValueInfoProto Tensor(string name, DataType type, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim switch
            {
                string symbol => new TensorShapeProto.Types.Dimension { DimParam = symbol },
                _ => new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture) },
            });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    public static NodeProto Node(string op, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = "/test/" + op };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    public static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static ModelProto Model(
        IEnumerable<NodeProto> nodes, IEnumerable<ValueInfoProto> inputs, IEnumerable<ValueInfoProto> outputs,
        IEnumerable<TensorProto>? initializers = null)
    {
        var graph = new GraphProto { Name = "test_graph" };
        graph.Node.AddRange(nodes);
        graph.Input.AddRange(inputs);
        graph.Output.AddRange(outputs);
        graph.Initializer.AddRange(initializers ?? Array.Empty<TensorProto>());
        var model = new ModelProto
        {
            IrVersion = 10,
            ProducerName = "fluxonnx-tests",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return model;
    }

    /// <summary>Y = A + B over float tensors of shape [batch, 3].</summary>
    public static ModelProto AddFloat() => Model(
        new[] { Node("Add", new[] { "A", "B" }, new[] { "Y" }) },
        new[] { Tensor("A", DataType.Float, "batch", 3), Tensor("B", DataType.Float, "batch", 3) },
        new[] { Tensor("Y", DataType.Float, "batch", 3) });

    /// <summary>A unary op from <paramref name="inType"/> to <paramref name="outType"/> over shape [n].</summary>
    public static ModelProto Unary(string op, DataType inType, DataType outType, params AttributeProto[] attributes) => Model(
        new[] { Node(op, new[] { "X" }, new[] { "Y" }, attributes) },
        new[] { Tensor("X", inType, "n") },
        new[] { Tensor("Y", outType, "n") });

    /// <summary>Y = Cast(X, to) over shape [n].</summary>
    public static ModelProto Cast(DataType from, DataType to) => Unary("Cast", from, to, IntAttribute("to", (long)to));

    /// <summary>A binary op over two [n] tensors of one type.</summary>
    public static ModelProto Binary(string op, DataType type, DataType outType) => Model(
        new[] { Node(op, new[] { "A", "B" }, new[] { "Y" }) },
        new[] { Tensor("A", type, "n"), Tensor("B", type, "n") },
        new[] { Tensor("Y", outType, "n") });

    /// <summary>Y = X·W₁·W₂·…·W_depth over [n, n] float tensors (W all zero): a long run for cancellation tests.</summary>
    public static ModelProto MatMulChain(int n, int depth)
    {
        var nodes = new List<NodeProto>();
        var weights = new List<TensorProto>();
        var previous = "X";
        for (var i = 0; i < depth; i++)
        {
            var w = new TensorProto { Name = $"W{i}", DataType = (int)DataType.Float, RawData = ByteString.CopyFrom(new byte[n * n * 4]) };
            w.Dims.AddRange([n, n]);
            weights.Add(w);
            var next = i == depth - 1 ? "Y" : $"H{i}";
            nodes.Add(Node("MatMul", [previous, w.Name], [next]));
            nodes[^1].Name = $"/test/MatMul{i}";
            previous = next;
        }
        return Model(nodes, [Tensor("X", DataType.Float, n, n)], [Tensor("Y", DataType.Float, n, n)], weights);
    }

    public static string Write(ModelProto model, string directory, string fileName)
    {
        var path = Path.Combine(directory, fileName);
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }
}
