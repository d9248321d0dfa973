namespace FluxOnnx;

/// <summary>
/// Facts about <see cref="ElementType"/> values: their storage width as the ONNX raw_data layout defines it, and the
/// lower-case name manifests, reports and errors spell them with (<c>float32</c>, <c>bfloat16</c>, <c>int64</c>).
/// </summary>
public static class ElementTypes
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

    /// <summary>Bytes per element of the byte-aligned types (1, 2, 4, 8 or 16).</summary>
    /// <exception cref="ArgumentException">A 4-bit type, or a type without a fixed-width raw layout.</exception>
    public static int ByteSize(this ElementType type)
    {
        int bits = type.BitsPerElement();
        if (bits == 0 || bits % 8 != 0)
        {
            throw new ArgumentException($"Element type {type.Name()} has no whole-byte element size.", nameof(type));
        }
        return bits / 8;
    }

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

    /// <summary>True for the real floating-point types: float64/32/16, bfloat16, the float8 and float4 types.</summary>
    public static bool IsFloatingPoint(this ElementType type) => type is
        ElementType.Double or ElementType.Float or ElementType.Float16 or ElementType.BFloat16
        or ElementType.Float8E4M3FN or ElementType.Float8E4M3FNUZ or ElementType.Float8E5M2 or ElementType.Float8E5M2FNUZ
        or ElementType.Float4E2M1;

    /// <summary>
    /// The lower-case name FluxOnnx writes in manifests and reports (float32, float64, float16, bfloat16,
    /// float8e4m3fn, int64, bool, ...); a number outside the enum reads <c>type{n}</c>.
    /// </summary>
    public static string Name(this ElementType type) => type switch
    {
        ElementType.Undefined => "undefined",
        ElementType.Float => "float32",
        ElementType.UInt8 => "uint8",
        ElementType.Int8 => "int8",
        ElementType.UInt16 => "uint16",
        ElementType.Int16 => "int16",
        ElementType.Int32 => "int32",
        ElementType.Int64 => "int64",
        ElementType.String => "string",
        ElementType.Bool => "bool",
        ElementType.Float16 => "float16",
        ElementType.Double => "float64",
        ElementType.UInt32 => "uint32",
        ElementType.UInt64 => "uint64",
        ElementType.Complex64 => "complex64",
        ElementType.Complex128 => "complex128",
        ElementType.BFloat16 => "bfloat16",
        ElementType.Float8E4M3FN => "float8e4m3fn",
        ElementType.Float8E4M3FNUZ => "float8e4m3fnuz",
        ElementType.Float8E5M2 => "float8e5m2",
        ElementType.Float8E5M2FNUZ => "float8e5m2fnuz",
        ElementType.UInt4 => "uint4",
        ElementType.Int4 => "int4",
        ElementType.Float4E2M1 => "float4e2m1",
        _ => $"type{(int)type}",
    };

    /// <summary>Parses a name <see cref="Name"/> writes (exact, lower case); false for anything else.</summary>
    public static bool TryParseName(string name, out ElementType type)
    {
        foreach (var candidate in Enum.GetValues<ElementType>())
        {
            if (candidate.Name() == name)
            {
                type = candidate;
                return true;
            }
        }
        type = ElementType.Undefined;
        return false;
    }

    /// <summary>
    /// The element type a <typeparamref name="T"/> holds exactly: float, double, <see cref="Half"/>, long, int,
    /// short, sbyte, byte, bool. bfloat16 and the float8 types have no CLR element type here (use their raw bits).
    /// </summary>
    /// <returns>False for any other <typeparamref name="T"/>.</returns>
    public static bool TryGetElementTypeOf<T>(out ElementType type) where T : unmanaged
    {
        type = typeof(T) == typeof(float) ? ElementType.Float
            : typeof(T) == typeof(double) ? ElementType.Double
            : typeof(T) == typeof(Half) ? ElementType.Float16
            : typeof(T) == typeof(long) ? ElementType.Int64
            : typeof(T) == typeof(int) ? ElementType.Int32
            : typeof(T) == typeof(short) ? ElementType.Int16
            : typeof(T) == typeof(sbyte) ? ElementType.Int8
            : typeof(T) == typeof(byte) ? ElementType.UInt8
            : typeof(T) == typeof(bool) ? ElementType.Bool
            : ElementType.Undefined;
        return type != ElementType.Undefined;
    }
}
