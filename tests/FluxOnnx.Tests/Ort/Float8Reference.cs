namespace FluxOnnx.Tests.Ort;

/// <summary>
/// Independent float8 decoders (ONNX float8 spec: E4M3FN has bias 7, no infinities, NaN = S.1111.111; E5M2 has
/// bias 15 and IEEE-style infinities/NaNs) used as the expected side of the float8 tests.
/// </summary>
internal static class Float8Reference
{
    public static float DecodeE4M3FN(byte bits)
    {
        var sign = (bits & 0x80) != 0 ? -1f : 1f;
        var exponent = (bits >> 3) & 0xF;
        var mantissa = bits & 0x7;
        if (exponent == 0xF && mantissa == 0x7)
        {
            return float.NaN;
        }
        return exponent == 0
            ? sign * mantissa / 8f * MathF.Pow(2, -6)
            : sign * (1 + mantissa / 8f) * MathF.Pow(2, exponent - 7);
    }

    public static float DecodeE5M2(byte bits)
    {
        var sign = (bits & 0x80) != 0 ? -1f : 1f;
        var exponent = (bits >> 2) & 0x1F;
        var mantissa = bits & 0x3;
        if (exponent == 0x1F)
        {
            return mantissa == 0 ? sign * float.PositiveInfinity : float.NaN;
        }
        return exponent == 0
            ? sign * mantissa / 4f * MathF.Pow(2, -14)
            : sign * (1 + mantissa / 4f) * MathF.Pow(2, exponent - 15);
    }
}
