using FluxOnnx.Converter.Numerics;
using Xunit;

namespace FluxOnnx.Converter.Tests.Numerics;

public sealed class Float8E5M2FormatTests
{
    // Independent decoder: IEEE-like, bias 15, subnormals 0.mm * 2^-14, S.11111.00 = Inf, S.11111.{01,10,11} = NaN.
    private static double Decode(int code)
    {
        double sign = (code & 0x80) != 0 ? -1.0 : 1.0;
        int exponent = (code >> 2) & 0x1F;
        int mantissa = code & 0x3;
        if (exponent == 0x1F)
        {
            return mantissa == 0 ? sign * double.PositiveInfinity : double.NaN;
        }
        return exponent == 0
            ? sign * (mantissa / 4.0 * Math.Pow(2, -14))
            : sign * (1 + mantissa / 4.0) * Math.Pow(2, exponent - 15);
    }

    private static bool IsNaNCode(int code) => (code & 0x7F) > 0x7C;

    [Theory]
    [InlineData(0x01, 1.52587890625e-05)] // 2^-16
    [InlineData(0x04, 6.103515625e-05)] // 2^-14
    [InlineData(0x3C, 1.0)]
    [InlineData(0x7B, 57344.0)]
    [InlineData(0xFB, -57344.0)]
    [InlineData(0x7C, double.PositiveInfinity)]
    [InlineData(0xFC, double.NegativeInfinity)]
    public void Decodes_known_codes(int code, double expected)
    {
        Assert.Equal((float)expected, Float8Format.E5M2.Decode((byte)code));
    }

    [Fact]
    public void Decodes_every_code_like_the_independent_decoder()
    {
        for (int code = 0; code < 256; code++)
        {
            float got = Float8Format.E5M2.Decode((byte)code);
            if (IsNaNCode(code))
            {
                Assert.True(float.IsNaN(got));
            }
            else
            {
                Assert.Equal(BitConverter.SingleToUInt32Bits((float)Decode(code)), BitConverter.SingleToUInt32Bits(got));
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_non_nan_code_round_trips_through_float32(bool saturate)
    {
        for (int code = 0; code < 256; code++)
        {
            byte back = Float8Format.E5M2.Encode(Float8Format.E5M2.Decode((byte)code), saturate);
            if (IsNaNCode(code))
            {
                Assert.Equal((byte)(code | 0x7F), back);
            }
            else if ((code & 0x7F) == 0x7C)
            {
                Assert.Equal(saturate ? (byte)(code & 0x80 | 0x7B) : (byte)code, back); // ±Inf saturates to ±max
            }
            else
            {
                Assert.Equal((byte)code, back);
            }
        }
    }

    [Fact]
    public void Midpoints_between_neighbours_round_to_the_even_code()
    {
        foreach (int sign in new[] { 0x00, 0x80 })
        {
            for (int magnitude = 0; magnitude < 0x7B; magnitude++)
            {
                int code = sign | magnitude;
                float mid = (float)((Decode(code) + Decode(code + 1)) / 2);
                int expected = (code & 1) == 0 ? code : code + 1;
                uint midBits = BitConverter.SingleToUInt32Bits(mid);
                Assert.Equal((byte)expected, Float8Format.E5M2.Encode(mid));
                Assert.Equal((byte)code, Float8Format.E5M2.Encode(BitConverter.UInt32BitsToSingle(midBits - 1)));
                Assert.Equal((byte)(code + 1), Float8Format.E5M2.Encode(BitConverter.UInt32BitsToSingle(midBits + 1)));
            }
        }
    }

    [Theory]
    [InlineData(60000f, true, 0x7B)]
    [InlineData(60000f, false, 0x7B)] // rounds down to 57344
    [InlineData(61440f, true, 0x7B)] // tie between 57344 (odd code) and 2^16: overflows
    [InlineData(61440f, false, 0x7C)]
    [InlineData(-61440f, false, 0xFC)]
    [InlineData(1e6f, true, 0x7B)]
    [InlineData(1e6f, false, 0x7C)]
    [InlineData(-1e6f, true, 0xFB)]
    [InlineData(-1e6f, false, 0xFC)]
    [InlineData(float.PositiveInfinity, true, 0x7B)]
    [InlineData(float.PositiveInfinity, false, 0x7C)]
    [InlineData(float.NegativeInfinity, true, 0xFB)]
    [InlineData(float.NegativeInfinity, false, 0xFC)]
    [InlineData(7.62939453125e-06f, true, 0x00)] // 2^-17: tie between 0 and the smallest subnormal
    [InlineData(2.288818359375e-05f, true, 0x02)] // 3 * 2^-17: tie, rounds to even (2)
    [InlineData(5.340576171875e-05f, true, 0x04)] // 7 * 2^-17: tie between the largest subnormal and the smallest normal
    public void Narrowing_follows_onnx_cast(float value, bool saturate, int expected)
    {
        Assert.Equal((byte)expected, Float8Format.E5M2.Encode(value, saturate));
    }

    [Fact]
    public void Nan_encodes_as_nan_keeping_its_sign()
    {
        Assert.Equal(0x7F, Float8Format.E5M2.Encode(BitConverter.UInt32BitsToSingle(0x7FC0_0000)));
        Assert.Equal(0xFF, Float8Format.E5M2.Encode(BitConverter.UInt32BitsToSingle(0xFFC0_0000), saturate: false));
    }

    [Fact]
    public void Bulk_conversions_match_the_independent_decoder_and_round_trip_every_code()
    {
        var codes = new byte[256];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = (byte)i;
        }
        var floats = new float[256];
        Float8Format.E5M2.Decode(codes, floats);
        var back = new byte[256];
        Float8Format.E5M2.Encode(floats, back, saturate: false);
        for (int i = 0; i < codes.Length; i++)
        {
            if (IsNaNCode(i))
            {
                Assert.True(float.IsNaN(floats[i]));
                Assert.Equal((i & 0x80) | 0x7F, back[i]); // the encoder's one NaN code, sign kept
            }
            else
            {
                Assert.Equal(BitConverter.SingleToUInt32Bits((float)Decode(i)), BitConverter.SingleToUInt32Bits(floats[i]));
                Assert.Equal(i, back[i]); // every finite (and infinite) value is exact, so it encodes to its own code
            }
        }
    }
}
