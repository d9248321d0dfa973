namespace FluxOnnx.Numerics;

/// <summary>
/// Facts about <see cref="DType"/>: item size in bytes, the safetensors spelling, and the CLR type that
/// holds one element where one exists.
/// </summary>
public static class DTypes
{
    /// <summary>Bytes per element: 8, 4, 2 or 1.</summary>
    public static int ItemSize(this DType dtype) => dtype switch
    {
        DType.F64 or DType.I64 => 8,
        DType.F32 or DType.I32 => 4,
        DType.F16 or DType.BF16 or DType.I16 => 2,
        DType.F8_E4M3 or DType.F8_E5M2 or DType.I8 or DType.U8 or DType.BOOL => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a DType value."),
    };

    /// <summary>True for the floating-point types (F64, F32, F16, BF16, F8_E4M3, F8_E5M2).</summary>
    public static bool IsFloatingPoint(this DType dtype) => dtype is
        DType.F64 or DType.F32 or DType.F16 or DType.BF16 or DType.F8_E4M3 or DType.F8_E5M2;

    /// <summary>The string a safetensors header uses for <paramref name="dtype"/> (the enum member name).</summary>
    public static string SafetensorsName(this DType dtype) => dtype switch
    {
        DType.F64 => "F64",
        DType.F32 => "F32",
        DType.F16 => "F16",
        DType.BF16 => "BF16",
        DType.F8_E4M3 => "F8_E4M3",
        DType.F8_E5M2 => "F8_E5M2",
        DType.I64 => "I64",
        DType.I32 => "I32",
        DType.I16 => "I16",
        DType.I8 => "I8",
        DType.U8 => "U8",
        DType.BOOL => "BOOL",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a DType value."),
    };

    /// <summary>
    /// Parses a safetensors dtype string. Matching is exact (case-sensitive), like the reference reader.
    /// </summary>
    /// <returns>False for any other string, including dtypes this project does not support (U16, F8_E8M0, ...).</returns>
    public static bool TryParseSafetensorsName(ReadOnlySpan<char> name, out DType dtype)
    {
        switch (name)
        {
            case "F64": dtype = DType.F64; return true;
            case "F32": dtype = DType.F32; return true;
            case "F16": dtype = DType.F16; return true;
            case "BF16": dtype = DType.BF16; return true;
            case "F8_E4M3": dtype = DType.F8_E4M3; return true;
            case "F8_E5M2": dtype = DType.F8_E5M2; return true;
            case "I64": dtype = DType.I64; return true;
            case "I32": dtype = DType.I32; return true;
            case "I16": dtype = DType.I16; return true;
            case "I8": dtype = DType.I8; return true;
            case "U8": dtype = DType.U8; return true;
            case "BOOL": dtype = DType.BOOL; return true;
            default: dtype = default; return false;
        }
    }

    /// <summary>
    /// The dtype whose elements a <typeparamref name="T"/> holds exactly: float → F32, double → F64,
    /// <see cref="Half"/> → F16, long → I64, int → I32, short → I16, sbyte → I8, byte → U8, bool → BOOL.
    /// BF16 and the float8 types have no CLR element type here (read them as raw bits and convert).
    /// </summary>
    /// <returns>False for any other <typeparamref name="T"/>.</returns>
    public static bool TryGetDTypeOf<T>(out DType dtype) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) { dtype = DType.F32; return true; }
        if (typeof(T) == typeof(double)) { dtype = DType.F64; return true; }
        if (typeof(T) == typeof(Half)) { dtype = DType.F16; return true; }
        if (typeof(T) == typeof(long)) { dtype = DType.I64; return true; }
        if (typeof(T) == typeof(int)) { dtype = DType.I32; return true; }
        if (typeof(T) == typeof(short)) { dtype = DType.I16; return true; }
        if (typeof(T) == typeof(sbyte)) { dtype = DType.I8; return true; }
        if (typeof(T) == typeof(byte)) { dtype = DType.U8; return true; }
        if (typeof(T) == typeof(bool)) { dtype = DType.BOOL; return true; }
        dtype = default;
        return false;
    }
}
