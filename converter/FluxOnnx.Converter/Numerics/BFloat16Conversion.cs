using System.Numerics;
using System.Runtime.InteropServices;

namespace FluxOnnx.Converter.Numerics;

/// <summary>
/// float32 ↔ bfloat16, with bfloat16 values carried as their raw bits (<see cref="ushort"/>).
/// </summary>
/// <remarks>
/// bfloat16 is the upper half of a binary32, so widening is exact (a 16-bit shift, NaN payloads kept).
/// Narrowing rounds to nearest, ties to even, on the dropped 16 bits; values past the largest finite
/// bfloat16 round to ±Inf as IEEE rounding requires; ±Inf stays ±Inf; NaN stays NaN with its sign and
/// the top payload bits, and the quiet bit set (a NaN never rounds into Inf). Same results as
/// onnx <c>helper.float32_to_bfloat16</c> for non-NaN inputs (it returns a canonical 0x7FC0 for NaN). Non-NaN values
/// round through <see cref="BFloat16Rounding"/>; the vector path applies the same rule lane by lane.
/// </remarks>
public static class BFloat16Conversion
{
    private const uint QuietBit = 0x0040;

    /// <summary>Exact widening of bfloat16 bits to float32.</summary>
    public static float ToSingle(ushort bits) => BitConverter.UInt32BitsToSingle((uint)bits << 16);

    /// <summary>Rounds a float32 to the nearest bfloat16 (ties to even) and returns its bits.</summary>
    public static ushort FromSingle(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        return (bits & 0x7FFF_FFFF) > 0x7F80_0000 ? (ushort)((bits >> 16) | QuietBit) : BFloat16Rounding.ToBits(value);
    }

    /// <summary>Widens every element of <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void ToSingle(ReadOnlySpan<ushort> source, Span<float> destination)
    {
        ConversionArguments.CheckLengths(source.Length, destination.Length);
        Span<uint> output = MemoryMarshal.Cast<float, uint>(destination);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ReadOnlySpan<Vector<ushort>> blocks = MemoryMarshal.Cast<ushort, Vector<ushort>>(source);
            for (int b = 0; b < blocks.Length; b++, i += Vector<ushort>.Count)
            {
                Vector.Widen(blocks[b], out Vector<uint> low, out Vector<uint> high);
                (low << 16).CopyTo(output[i..]);
                (high << 16).CopyTo(output[(i + Vector<uint>.Count)..]);
            }
        }
        for (; i < source.Length; i++)
        {
            output[i] = (uint)source[i] << 16;
        }
    }

    /// <summary>Rounds every element of <paramref name="source"/> to bfloat16 bits (see <see cref="FromSingle(float)"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void FromSingle(ReadOnlySpan<float> source, Span<ushort> destination)
    {
        ConversionArguments.CheckLengths(source.Length, destination.Length);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ReadOnlySpan<uint> input = MemoryMarshal.Cast<float, uint>(source);
            int step = Vector<ushort>.Count; // two uint vectors narrow into one ushort vector
            for (; i + step <= source.Length; i += step)
            {
                Vector<uint> low = Round(new Vector<uint>(input[i..]));
                Vector<uint> high = Round(new Vector<uint>(input[(i + Vector<uint>.Count)..]));
                Vector.Narrow(low, high).CopyTo(destination[i..]);
            }
        }
        for (; i < source.Length; i++)
        {
            destination[i] = FromSingle(source[i]);
        }
    }

    // The vector form of FromSingle(float) on 32-bit lanes; the result sits in the low 16 bits.
    private static Vector<uint> Round(Vector<uint> bits)
    {
        Vector<uint> rounded = (bits + new Vector<uint>(0x7FFF) + ((bits >> 16) & Vector<uint>.One)) >> 16;
        Vector<uint> nan = (bits >> 16) | new Vector<uint>(QuietBit);
        Vector<uint> isNaN = Vector.GreaterThan(bits & new Vector<uint>(0x7FFF_FFFF), new Vector<uint>(0x7F80_0000));
        return Vector.ConditionalSelect(isNaN, nan, rounded);
    }
}
