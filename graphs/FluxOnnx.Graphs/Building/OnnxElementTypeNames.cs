namespace FluxOnnx.Graphs.Building;

/// <summary>The ONNX proto's own spelling of an <see cref="ElementType"/>, used in constant names.</summary>
public static class OnnxElementTypeNames
{
    /// <summary>The upper-case ONNX spelling (<c>FLOAT16</c>, <c>FLOAT8E4M3FN</c>) of <c>TensorProto.DataType</c>.</summary>
    public static string OnnxName(this ElementType type) =>
        ((Onnx.TensorProto.Types.DataType)(int)type).ToString().ToUpperInvariant();
}
