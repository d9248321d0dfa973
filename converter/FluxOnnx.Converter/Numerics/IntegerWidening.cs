using System.Numerics.Tensors;

namespace FluxOnnx.Converter.Numerics;

/// <summary>
/// Exact integer widenings used when loading integer tensors (token ids stored as I32, masks as U8 or BOOL)
/// into the I64 / F32 forms ONNX graphs take. Every conversion here is lossless, so there is no narrowing API.
/// </summary>
public static class IntegerWidening
{
    /// <summary>I8 → I64.</summary>
    public static void ToInt64(ReadOnlySpan<sbyte> source, Span<long> destination) => Widen(source, destination);

    /// <summary>U8 (and BOOL bytes) → I64.</summary>
    public static void ToInt64(ReadOnlySpan<byte> source, Span<long> destination) => Widen(source, destination);

    /// <summary>I16 → I64.</summary>
    public static void ToInt64(ReadOnlySpan<short> source, Span<long> destination) => Widen(source, destination);

    /// <summary>I32 → I64.</summary>
    public static void ToInt64(ReadOnlySpan<int> source, Span<long> destination) => Widen(source, destination);

    /// <summary>U8 → F32 (exact: every byte is a float32).</summary>
    public static void ToSingle(ReadOnlySpan<byte> source, Span<float> destination) => Widen(source, destination);

    /// <summary>I8 → F32 (exact).</summary>
    public static void ToSingle(ReadOnlySpan<sbyte> source, Span<float> destination) => Widen(source, destination);

    /// <summary>I16 → F32 (exact: |value| ≤ 2^15 fits the 24-bit significand).</summary>
    public static void ToSingle(ReadOnlySpan<short> source, Span<float> destination) => Widen(source, destination);

    private static void Widen<TFrom, TTo>(ReadOnlySpan<TFrom> source, Span<TTo> destination)
        where TFrom : System.Numerics.INumberBase<TFrom>
        where TTo : System.Numerics.INumberBase<TTo>
    {
        ConversionArguments.CheckLengths(source.Length, destination.Length);
        TensorPrimitives.ConvertTruncating(source, destination[..source.Length]);
    }
}
