using Google.Protobuf;

namespace FluxOnnx.Tools.Benchmarking;

/// <summary>
/// The serialized ONNX model of one fp32 MatMul, <c>y[M, N] = a[M, K] · b[K, N]</c>, with both operands as graph
/// inputs (IR 8, opset 17). The runtime does not reference the graph project, so the few protobuf fields are
/// written by hand; numbers are those of onnx <c>onnx/onnx.proto</c>.
/// </summary>
internal static class MatMulModel
{
    private const int FloatElementType = 1; // TensorProto.DataType.FLOAT

    public static byte[] Bytes(long m, long k, long n) => Message(model =>
    {
        model.WriteTag(1, WireFormat.WireType.Varint);          // ModelProto.ir_version
        model.WriteInt64(8);
        model.WriteTag(2, WireFormat.WireType.LengthDelimited); // ModelProto.producer_name
        model.WriteString("FluxOnnx gemm probe");
        WriteMessage(model, 7, graph =>                         // ModelProto.graph
        {
            WriteMessage(graph, 1, node =>                      // GraphProto.node
            {
                WriteString(node, 1, "a");                      // NodeProto.input
                WriteString(node, 1, "b");
                WriteString(node, 2, "y");                      // NodeProto.output
                WriteString(node, 3, "matmul");                 // NodeProto.name
                WriteString(node, 4, "MatMul");                 // NodeProto.op_type
            });
            WriteString(graph, 2, "gemm_probe");                // GraphProto.name
            WriteValueInfo(graph, 11, "a", m, k);               // GraphProto.input
            WriteValueInfo(graph, 11, "b", k, n);
            WriteValueInfo(graph, 12, "y", m, n);               // GraphProto.output
        });
        WriteMessage(model, 8, opset =>                         // ModelProto.opset_import
        {
            opset.WriteTag(2, WireFormat.WireType.Varint);      // OperatorSetIdProto.version (domain "" omitted)
            opset.WriteInt64(17);
        });
    });

    // ValueInfoProto { name = 1, type = 2: TypeProto { tensor_type = 1: { elem_type = 1, shape = 2: { dim = 1: { dim_value = 1 } } } } }
    private static void WriteValueInfo(CodedOutputStream output, int field, string name, long rows, long columns) =>
        WriteMessage(output, field, info =>
        {
            WriteString(info, 1, name);
            WriteMessage(info, 2, type => WriteMessage(type, 1, tensor =>
            {
                tensor.WriteTag(1, WireFormat.WireType.Varint);
                tensor.WriteInt32(FloatElementType);
                WriteMessage(tensor, 2, shape =>
                {
                    foreach (long dim in new[] { rows, columns })
                    {
                        WriteMessage(shape, 1, d =>
                        {
                            d.WriteTag(1, WireFormat.WireType.Varint);
                            d.WriteInt64(dim);
                        });
                    }
                });
            }));
        });

    private static void WriteString(CodedOutputStream output, int field, string value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    private static void WriteMessage(CodedOutputStream output, int field, Action<CodedOutputStream> body)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(Message(body)));
    }

    private static byte[] Message(Action<CodedOutputStream> body)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            body(output);
        }
        return buffer.ToArray();
    }
}
