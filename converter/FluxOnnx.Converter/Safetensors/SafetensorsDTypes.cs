namespace FluxOnnx.Converter.Safetensors;

/// <summary>
/// The <c>dtype</c> strings of a safetensors header (as the huggingface/safetensors <c>Dtype</c> enum spells them)
/// for the <see cref="ElementType"/> values this project reads and writes: F64, F32, F16, BF16, F8_E4M3 (ONNX
/// FLOAT8E4M3FN: no infinities, NaN = S.1111.111), F8_E5M2 (ONNX FLOAT8E5M2: IEEE-like, with infinities), I64, I32,
/// I16, I8, U8 and BOOL (one byte, 0 or 1).
/// </summary>
public static class SafetensorsDTypes
{
    private static readonly (ElementType Type, string Name)[] Table =
    [
        (ElementType.Double, "F64"),
        (ElementType.Float, "F32"),
        (ElementType.Float16, "F16"),
        (ElementType.BFloat16, "BF16"),
        (ElementType.Float8E4M3FN, "F8_E4M3"),
        (ElementType.Float8E5M2, "F8_E5M2"),
        (ElementType.Int64, "I64"),
        (ElementType.Int32, "I32"),
        (ElementType.Int16, "I16"),
        (ElementType.Int8, "I8"),
        (ElementType.UInt8, "U8"),
        (ElementType.Bool, "BOOL"),
    ];

    /// <summary>Every element type a safetensors file can hold here, in the order above.</summary>
    public static IReadOnlyList<ElementType> All { get; } = [.. Table.Select(t => t.Type)];

    /// <summary>Whether a safetensors file can hold <paramref name="type"/>.</summary>
    public static bool IsSupported(ElementType type) => Array.Exists(Table, t => t.Type == type);

    /// <summary>The string a safetensors header uses for <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A type safetensors files do not hold here (uint16, complex64, int4, ...).</exception>
    public static string SafetensorsName(this ElementType type)
    {
        foreach (var (t, name) in Table)
        {
            if (t == type)
            {
                return name;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(type), type, $"{type.Name()} has no safetensors dtype here.");
    }

    /// <summary>Parses a safetensors dtype string. Matching is exact (case-sensitive), like the reference reader.</summary>
    /// <returns>False for any other string, including dtypes this project does not support (U16, F8_E8M0, ...).</returns>
    public static bool TryParse(ReadOnlySpan<char> name, out ElementType type)
    {
        foreach (var (t, n) in Table)
        {
            if (name.SequenceEqual(n))
            {
                type = t;
                return true;
            }
        }
        type = ElementType.Undefined;
        return false;
    }
}
