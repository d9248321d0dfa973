using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace FluxOnnx.Converter.Numerics;

/// <summary>
/// float32 ↔ IEEE binary16, with float16 values carried as their raw bits (<see cref="ushort"/>) so they can
/// be read straight from a checkpoint's bytes.
/// </summary>
/// <remarks>
/// Built on <see cref="Half"/> and <see cref="TensorPrimitives"/>: widening is exact; narrowing rounds to
/// nearest, ties to even, overflows to ±Inf (65520 and up), produces subnormals exactly, and keeps NaN a NaN.
/// </remarks>
public static class Float16Conversion
{
    /// <summary>Exact widening of float16 bits to float32.</summary>
    public static float ToSingle(ushort bits) => (float)BitConverter.UInt16BitsToHalf(bits);

    /// <summary>Rounds a float32 to the nearest float16 (ties to even) and returns its bits.</summary>
    public static ushort FromSingle(float value) => BitConverter.HalfToUInt16Bits((Half)value);

    /// <summary>Widens every element of <paramref name="source"/> into <paramref name="destination"/> (vectorized).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void ToSingle(ReadOnlySpan<ushort> source, Span<float> destination)
    {
        ConversionArguments.CheckLengths(source.Length, destination.Length);
        TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<ushort, Half>(source), destination[..source.Length]);
    }

    /// <summary>Rounds every element of <paramref name="source"/> to float16 bits (vectorized).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void FromSingle(ReadOnlySpan<float> source, Span<ushort> destination)
    {
        ConversionArguments.CheckLengths(source.Length, destination.Length);
        TensorPrimitives.ConvertToHalf(source, MemoryMarshal.Cast<ushort, Half>(destination[..source.Length]));
    }
}
