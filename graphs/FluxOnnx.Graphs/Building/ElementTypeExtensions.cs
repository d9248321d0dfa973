namespace FluxOnnx.Graphs.Building;

/// <summary>Storage facts about <see cref="ElementType"/> values, as the ONNX raw_data layout defines them.</summary>
public static class ElementTypeExtensions
{
    /// <summary>
    /// Bits one element occupies in <c>raw_data</c> or external data: 4 for the packed 4-bit types (two per byte,
    /// low nibble first), 0 for <see cref="ElementType.String"/> and <see cref="ElementType.Undefined"/>, which
    /// have no fixed-width raw layout.
    /// </summary>
    public static int BitsPerElement(this ElementType type) => type switch
    {
        ElementType.UInt4 or ElementType.Int4 or ElementType.Float4E2M1 => 4,
        ElementType.UInt8 or ElementType.Int8 or ElementType.Bool or ElementType.Float8E4M3FN
            or ElementType.Float8E4M3FNUZ or ElementType.Float8E5M2 or ElementType.Float8E5M2FNUZ => 8,
        ElementType.UInt16 or ElementType.Int16 or ElementType.Float16 or ElementType.BFloat16 => 16,
        ElementType.Float or ElementType.Int32 or ElementType.UInt32 => 32,
        ElementType.Int64 or ElementType.UInt64 or ElementType.Double or ElementType.Complex64 => 64,
        ElementType.Complex128 => 128,
        _ => 0,
    };

    /// <summary>
    /// Bytes needed for <paramref name="elementCount"/> elements, rounding a trailing half byte of a 4-bit type
    /// up. Throws <see cref="ArgumentException"/> for types without a fixed width.
    /// </summary>
    public static long ByteLength(this ElementType type, long elementCount)
    {
        int bits = type.BitsPerElement();
        if (bits == 0)
        {
            throw new ArgumentException($"Element type {type} has no fixed-width raw layout.", nameof(type));
        }
        return (elementCount * bits + 7) / 8;
    }

    /// <summary>True for the floating-point types ops such as Softmax, normalization and attention accept.</summary>
    public static bool IsFloatingPoint(this ElementType type) =>
        type is ElementType.Float or ElementType.Float16 or ElementType.BFloat16 or ElementType.Double;

    /// <summary>The upper-case ONNX spelling (<c>FLOAT16</c>, <c>FLOAT8E4M3FN</c>) used in constant names.</summary>
    public static string OnnxName(this ElementType type) =>
        ((Onnx.TensorProto.Types.DataType)(int)type).ToString().ToUpperInvariant();
}
