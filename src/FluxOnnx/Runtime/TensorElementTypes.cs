using Microsoft.ML.OnnxRuntime.Tensors;

namespace FluxOnnx.Runtime;

/// <summary>
/// The one crossing between FluxOnnx's <see cref="ElementType"/> and ONNX Runtime's <see cref="TensorElementType"/>:
/// both carry the ONNX <c>TensorProto.DataType</c> numbers (the float8 types included, which the managed enum has
/// no members for), so the crossing is a cast and no second table exists.
/// </summary>
public static class TensorElementTypes
{
    public static ElementType ToElementType(this TensorElementType type) => (ElementType)(int)type;

    public static TensorElementType ToOrt(this ElementType type) => (TensorElementType)(int)type;
}
