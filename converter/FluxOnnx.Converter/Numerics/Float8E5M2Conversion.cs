namespace FluxOnnx.Converter.Numerics;

/// <summary>
/// float32 ↔ float8 E5M2 (safetensors <c>F8_E5M2</c>, ONNX <c>FLOAT8E5M2</c>), float8 values as raw bytes.
/// </summary>
/// <remarks>
/// Widening is exact (a 256-entry table). Narrowing follows ONNX <c>Cast</c>: round to nearest, ties to even
/// (subnormals exact); NaN → NaN; with <c>saturate</c> (the ONNX default) values past the largest finite and
/// ±Inf go to ±57344 (0x7B). Without saturation an overflow or ±Inf becomes ±Inf (0x7C / 0xFC).
/// </remarks>
public static class Float8E5M2Conversion
{
    /// <summary>The exact float32 value of a float8 code (NaN codes give a quiet NaN with the code's sign).</summary>
    public static float ToSingle(byte bits) => Float8Format.E5M2.Decode(bits);

    /// <summary>Rounds a float32 to float8 E5M2 as described on the type.</summary>
    public static byte FromSingle(float value, bool saturate = true) => Float8Format.E5M2.Encode(value, saturate);

    /// <summary>Widens every element of <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void ToSingle(ReadOnlySpan<byte> source, Span<float> destination)
    {
        ConversionArguments.CheckLengths(source.Length, destination.Length);
        Float8Format format = Float8Format.E5M2;
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = format.Decode(source[i]);
        }
    }

    /// <summary>Rounds every element of <paramref name="source"/> to float8 E5M2 (see <see cref="FromSingle(float, bool)"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void FromSingle(ReadOnlySpan<float> source, Span<byte> destination, bool saturate = true)
    {
        ConversionArguments.CheckLengths(source.Length, destination.Length);
        Float8Format format = Float8Format.E5M2;
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = format.Encode(source[i], saturate);
        }
    }
}
