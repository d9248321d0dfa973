namespace FluxOnnx;

/// <summary>
/// Element type of a tensor value, the one element-type enum of FluxOnnx (graph builder, manifests, runtime,
/// safetensors). The numbers are ONNX <c>TensorProto.DataType</c> values, so a cast to
/// <see cref="int"/> is the number written into <c>elem_type</c> and <c>data_type</c>, and ONNX Runtime's
/// <c>TensorElementType</c> uses the same numbers (the runtime casts at the ORT call).
/// </summary>
public enum ElementType
{
    Undefined = 0,
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Double = 11,
    UInt32 = 12,
    UInt64 = 13,
    Complex64 = 14,
    Complex128 = 15,
    BFloat16 = 16,
    Float8E4M3FN = 17,
    Float8E4M3FNUZ = 18,
    Float8E5M2 = 19,
    Float8E5M2FNUZ = 20,
    UInt4 = 21,
    Int4 = 22,
    Float4E2M1 = 23,
}
