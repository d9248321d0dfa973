namespace FluxOnnx.Ort.Native;

/// <summary>Bytes per element of the fixed-width tensor element types, and the CLR type each one maps to.</summary>
internal static class ElementSizes
{
    /// <summary>Bytes per element, or 0 for types that have no whole-byte element (string, 4-bit, undefined).</summary>
    public static int ByteSize(OrtElementType type) => type switch
    {
        OrtElementType.Float or OrtElementType.Int32 or OrtElementType.UInt32 => 4,
        OrtElementType.UInt8 or OrtElementType.Int8 or OrtElementType.Bool => 1,
        OrtElementType.Float8E4M3FN or OrtElementType.Float8E4M3FNUZ => 1,
        OrtElementType.Float8E5M2 or OrtElementType.Float8E5M2FNUZ => 1,
        OrtElementType.UInt16 or OrtElementType.Int16 or OrtElementType.Float16 or OrtElementType.BFloat16 => 2,
        OrtElementType.Int64 or OrtElementType.UInt64 or OrtElementType.Double or OrtElementType.Complex64 => 8,
        OrtElementType.Complex128 => 16,
        _ => 0,
    };

    /// <summary>
    /// The element type a CLR type stands for without further information, or <see cref="OrtElementType.Undefined"/>
    /// when it is ambiguous: <c>ushort</c> may be uint16 or bfloat16 and <c>byte</c> may be uint8 or a float8,
    /// so those callers name the type; plain <c>ushort</c>/<c>byte</c> default to the integer types.
    /// </summary>
    public static OrtElementType FromClr(Type type)
    {
        if (type == typeof(float)) return OrtElementType.Float;
        if (type == typeof(Half)) return OrtElementType.Float16;
        if (type == typeof(double)) return OrtElementType.Double;
        if (type == typeof(long)) return OrtElementType.Int64;
        if (type == typeof(int)) return OrtElementType.Int32;
        if (type == typeof(short)) return OrtElementType.Int16;
        if (type == typeof(sbyte)) return OrtElementType.Int8;
        if (type == typeof(byte)) return OrtElementType.UInt8;
        if (type == typeof(ushort)) return OrtElementType.UInt16;
        if (type == typeof(uint)) return OrtElementType.UInt32;
        if (type == typeof(ulong)) return OrtElementType.UInt64;
        if (type == typeof(bool)) return OrtElementType.Bool;
        return OrtElementType.Undefined;
    }
}
