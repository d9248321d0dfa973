using System.Numerics;
using System.Runtime.InteropServices;

namespace FluxOnnx.Converter.Numerics;

/// <summary>
/// float64 → float32 narrowing: IEEE round to nearest, ties to even; past the float32 range gives ±Inf;
/// NaN stays NaN. Checkpoints rarely hold F64, but reference data does.
/// </summary>
public static class Float64Conversion
{
    /// <summary>Rounds <paramref name="value"/> to the nearest float32.</summary>
    public static float ToSingle(double value) => (float)value;

    /// <summary>Rounds every element of <paramref name="source"/> to float32 (vectorized).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void ToSingle(ReadOnlySpan<double> source, Span<float> destination)
    {
        ConversionArguments.CheckLengths(source.Length, destination.Length);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int step = Vector<float>.Count; // two double vectors narrow into one float vector
            for (; i + step <= source.Length; i += step)
            {
                var low = new Vector<double>(source[i..]);
                var high = new Vector<double>(source[(i + Vector<double>.Count)..]);
                Vector.Narrow(low, high).CopyTo(destination[i..]);
            }
        }
        for (; i < source.Length; i++)
        {
            destination[i] = (float)source[i];
        }
    }

    /// <summary>Widens every float32 element to float64 (exact).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void FromSingle(ReadOnlySpan<float> source, Span<double> destination)
    {
        ConversionArguments.CheckLengths(source.Length, destination.Length);
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = source[i];
        }
    }
}
