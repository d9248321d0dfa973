namespace FluxOnnx.Converter.Numerics;

/// <summary>
/// The arithmetic shared by the two ONNX float8 formats: a sign bit, <see cref="ExponentBits"/> exponent bits
/// with <see cref="Bias"/>, <see cref="MantissaBits"/> mantissa bits, subnormals, and a format-specific set of
/// special codes. Encoding is the ONNX <c>Cast</c> (opset 19+) rule: round to nearest, ties to even, on the exact
/// value (subnormals included); NaN → NaN; a result whose magnitude rounds past the largest finite code
/// overflows, which with <c>saturate</c> gives ±max and otherwise ±Inf (E5M2) or NaN (E4M3FN); ±Inf becomes
/// ±max with <c>saturate</c>, else ±Inf / NaN likewise. See onnx <c>docs/Operators.md</c> (Cast) and
/// <c>docs/docs/technical/float8.md</c>.
/// </summary>
public sealed class Float8Format
{
    /// <summary>E4M3FN (safetensors <c>F8_E4M3</c>, ONNX <c>FLOAT8E4M3FN</c>): bias 7, no Inf, NaN = S.1111.111, max 448 (0x7E).</summary>
    public static readonly Float8Format E4M3FN = new(exponentBits: 4, mantissaBits: 3, bias: 7,
        maxFiniteCode: 0x7E, infinityCode: null, nanCode: 0x7F);

    /// <summary>E5M2 (safetensors <c>F8_E5M2</c>, ONNX <c>FLOAT8E5M2</c>): bias 15, Inf = S.11111.00, NaN = S.11111.{01,10,11}, max 57344 (0x7B).</summary>
    public static readonly Float8Format E5M2 = new(exponentBits: 5, mantissaBits: 2, bias: 15,
        maxFiniteCode: 0x7B, infinityCode: 0x7C, nanCode: 0x7F);

    private readonly float[] _decoded;
    private readonly float _subnormalScale;

    private Float8Format(int exponentBits, int mantissaBits, int bias, uint maxFiniteCode, uint? infinityCode, uint nanCode)
    {
        ExponentBits = exponentBits;
        MantissaBits = mantissaBits;
        Bias = bias;
        MaxFiniteCode = maxFiniteCode;
        InfinityCode = infinityCode;
        NaNCode = nanCode;
        _subnormalScale = MathF.ScaleB(1f, bias - 1 + mantissaBits);
        _decoded = new float[256];
        for (int code = 0; code < 256; code++)
        {
            _decoded[code] = DecodeBits((byte)code);
        }
    }

    public int ExponentBits { get; }

    public int MantissaBits { get; }

    public int Bias { get; }

    /// <summary>The largest finite magnitude code (sign bit clear).</summary>
    public uint MaxFiniteCode { get; }

    /// <summary>The +Inf code, or null when the format has no infinities.</summary>
    public uint? InfinityCode { get; }

    /// <summary>The NaN code this encoder produces (sign bit clear; the input's sign is kept).</summary>
    public uint NaNCode { get; }

    /// <summary>The float32 value of <paramref name="code"/> (exact; NaN codes give a quiet NaN with the code's sign).</summary>
    public float Decode(byte code) => _decoded[code];

    /// <summary>Widens every code of <paramref name="source"/> into <paramref name="destination"/> (exact).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public void Decode(ReadOnlySpan<byte> source, Span<float> destination)
    {
        ConversionArguments.CheckLengths(source.Length, destination.Length);
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = _decoded[source[i]];
        }
    }

    /// <summary>Rounds every element of <paramref name="source"/> as <see cref="Encode(float, bool)"/> does.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public void Encode(ReadOnlySpan<float> source, Span<byte> destination, bool saturate = true)
    {
        ConversionArguments.CheckLengths(source.Length, destination.Length);
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = Encode(source[i], saturate);
        }
    }

    /// <summary>Encodes <paramref name="value"/> as described on the type; <paramref name="saturate"/> is the ONNX Cast default.</summary>
    public byte Encode(float value, bool saturate = true)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        uint sign = (bits >> 24) & 0x80;
        uint magnitude = bits & 0x7FFF_FFFF;
        if (magnitude > 0x7F80_0000)
        {
            return (byte)(sign | NaNCode);
        }
        if (magnitude == 0x7F80_0000)
        {
            return (byte)(sign | Overflow(saturate));
        }

        uint code;
        int exponent = (int)(magnitude >> 23) - 127;
        if (exponent >= 1 - Bias)
        {
            // Normal in the target: round the float32 mantissa to MantissaBits (ties to even) by adding just
            // under half an ulp plus the kept LSB, then move the exponent from bias 127 to Bias.
            int shift = 23 - MantissaBits;
            uint rounded = magnitude + ((1u << (shift - 1)) - 1) + ((magnitude >> shift) & 1);
            code = (rounded - ((uint)(127 - Bias) << 23)) >> shift;
        }
        else
        {
            // Subnormal (or zero) in the target: the code is |value| in units of the smallest subnormal,
            // rounded to an even integer. Scaling by a power of two is exact; a result of 2^MantissaBits is
            // the smallest normal's code, so the carry needs no special case.
            code = (uint)MathF.Round(BitConverter.UInt32BitsToSingle(magnitude) * _subnormalScale, MidpointRounding.ToEven);
        }
        return code > MaxFiniteCode ? (byte)(sign | Overflow(saturate)) : (byte)(sign | code);
    }

    private uint Overflow(bool saturate) => saturate ? MaxFiniteCode : InfinityCode ?? NaNCode;

    private float DecodeBits(byte code)
    {
        bool negative = (code & 0x80) != 0;
        uint magnitude = code & 0x7Fu;
        int exponentField = (int)(magnitude >> MantissaBits);
        int mantissa = (int)(magnitude & ((1u << MantissaBits) - 1));
        float value;
        if (InfinityCode is uint inf && magnitude == inf)
        {
            value = float.PositiveInfinity;
        }
        else if (magnitude > MaxFiniteCode)
        {
            return BitConverter.UInt32BitsToSingle((negative ? 0x8000_0000u : 0u) | 0x7FC0_0000u);
        }
        else if (exponentField == 0)
        {
            value = MathF.ScaleB(mantissa, 1 - Bias - MantissaBits);
        }
        else
        {
            value = MathF.ScaleB((1 << MantissaBits) + mantissa, exponentField - Bias - MantissaBits);
        }
        return negative ? -value : value;
    }
}
