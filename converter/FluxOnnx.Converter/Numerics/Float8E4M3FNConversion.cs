namespace FluxOnnx.Converter.Numerics;

/// <summary>
/// float32 ↔ float8 E4M3FN (safetensors <c>F8_E4M3</c>, ONNX <c>FLOAT8E4M3FN</c>), float8 values as raw bytes.
/// </summary>
/// <remarks>
/// Widening is exact (a 256-entry table). Narrowing follows ONNX <c>Cast</c>: round to nearest, ties to even
/// (subnormals exact); NaN → NaN; with <c>saturate</c> (the ONNX default) values past the largest finite and
/// ±Inf go to ±448 (0x7E). There is no infinity: without saturation an overflow or ±Inf becomes NaN (0x7F / 0xFF).
/// </remarks>
public static class Float8E4M3FNConversion
{
    /// <summary>The exact float32 value of a float8 code (NaN codes give a quiet NaN with the code's sign).</summary>
    public static float ToSingle(byte bits) => Float8Format.E4M3FN.Decode(bits);

    /// <summary>Rounds a float32 to float8 E4M3FN as described on the type.</summary>
    public static byte FromSingle(float value, bool saturate = true) => Float8Format.E4M3FN.Encode(value, saturate);

    /// <summary>Widens every element of <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void ToSingle(ReadOnlySpan<byte> source, Span<float> destination)
    {
        ConversionArguments.CheckLengths(source.Length, destination.Length);
        Float8Format format = Float8Format.E4M3FN;
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = format.Decode(source[i]);
        }
    }

    /// <summary>Rounds every element of <paramref name="source"/> to float8 E4M3FN (see <see cref="FromSingle(float, bool)"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void FromSingle(ReadOnlySpan<float> source, Span<byte> destination, bool saturate = true)
    {
        ConversionArguments.CheckLengths(source.Length, destination.Length);
        Float8Format format = Float8Format.E4M3FN;
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = format.Encode(source[i], saturate);
        }
    }
}
