using FluxOnnx.Converter.Numerics;
using Xunit;

namespace FluxOnnx.Converter.Tests.Numerics;

public sealed class Float8E4M3FNFormatTests
{
    // Independent decoder from the ONNX float8 table: bias 7, subnormals 0.mmm * 2^-6, S.1111.111 = NaN, no Inf.
    private static double Decode(int code)
    {
        double sign = (code & 0x80) != 0 ? -1.0 : 1.0;
        int exponent = (code >> 3) & 0xF;
        int mantissa = code & 0x7;
        if (exponent == 0xF && mantissa == 0x7)
        {
            return double.NaN;
        }
        return exponent == 0
            ? sign * (mantissa / 8.0 * Math.Pow(2, -6))
            : sign * (1 + mantissa / 8.0) * Math.Pow(2, exponent - 7);
    }

    private static bool IsNaNCode(int code) => (code & 0x7F) == 0x7F;

    [Theory]
    [InlineData(0x00, 0.0)]
    [InlineData(0x01, 0.001953125)] // 2^-9, smallest subnormal
    [InlineData(0x07, 0.013671875)] // largest subnormal
    [InlineData(0x08, 0.015625)] // 2^-6, smallest normal
    [InlineData(0x38, 1.0)]
    [InlineData(0x7E, 448.0)]
    [InlineData(0xFE, -448.0)]
    [InlineData(0xB8, -1.0)]
    public void Decodes_known_codes(int code, double expected)
    {
        Assert.Equal((float)expected, Float8Format.E4M3FN.Decode((byte)code));
    }

    [Fact]
    public void Decodes_every_code_like_the_independent_decoder()
    {
        for (int code = 0; code < 256; code++)
        {
            float got = Float8Format.E4M3FN.Decode((byte)code);
            if (IsNaNCode(code))
            {
                Assert.True(float.IsNaN(got));
                Assert.Equal(code >= 0x80, float.IsNegative(got));
            }
            else
            {
                Assert.Equal(BitConverter.SingleToUInt32Bits((float)Decode(code)), BitConverter.SingleToUInt32Bits(got));
            }
        }
        Assert.Equal(0x8000_0000u, BitConverter.SingleToUInt32Bits(Float8Format.E4M3FN.Decode(0x80))); // -0
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_non_nan_code_round_trips_through_float32(bool saturate)
    {
        for (int code = 0; code < 256; code++)
        {
            byte back = Float8Format.E4M3FN.Encode(Float8Format.E4M3FN.Decode((byte)code), saturate);
            Assert.Equal(IsNaNCode(code) ? (byte)(code | 0x7F) : (byte)code, back);
        }
    }

    [Fact]
    public void Midpoints_between_neighbours_round_to_the_even_code()
    {
        foreach (int sign in new[] { 0x00, 0x80 })
        {
            for (int magnitude = 0; magnitude < 0x7E; magnitude++)
            {
                int code = sign | magnitude;
                float mid = (float)((Decode(code) + Decode(code + 1)) / 2);
                int expected = (code & 1) == 0 ? code : code + 1;
                uint midBits = BitConverter.SingleToUInt32Bits(mid);
                Assert.Equal((byte)expected, Float8Format.E4M3FN.Encode(mid));
                Assert.Equal((byte)code, Float8Format.E4M3FN.Encode(BitConverter.UInt32BitsToSingle(midBits - 1)));
                Assert.Equal((byte)(code + 1), Float8Format.E4M3FN.Encode(BitConverter.UInt32BitsToSingle(midBits + 1)));
            }
        }
    }

    [Theory]
    // value, saturate, expected code
    [InlineData(449f, true, 0x7E)]
    [InlineData(449f, false, 0x7E)] // rounds down to 448: no overflow
    [InlineData(464f, true, 0x7E)] // tie between 448 (even code) and the missing 480
    [InlineData(464f, false, 0x7E)]
    [InlineData(464.00003f, true, 0x7E)] // past the tie: overflows
    [InlineData(464.00003f, false, 0x7F)]
    [InlineData(1e6f, true, 0x7E)]
    [InlineData(1e6f, false, 0x7F)]
    [InlineData(-1e6f, true, 0xFE)]
    [InlineData(-1e6f, false, 0xFF)]
    [InlineData(float.PositiveInfinity, true, 0x7E)]
    [InlineData(float.PositiveInfinity, false, 0x7F)]
    [InlineData(float.NegativeInfinity, true, 0xFE)]
    [InlineData(float.NegativeInfinity, false, 0xFF)]
    [InlineData(float.NaN, true, 0xFF)] // float.NaN is negative on .NET (0xFFC00000)
    [InlineData(0.0009765625f, true, 0x00)] // 2^-10: tie between 0 and the smallest subnormal
    [InlineData(0.0009765626f, true, 0x01)]
    [InlineData(0.0029296875f, true, 0x02)] // 3 * 2^-10: tie, rounds to even (2)
    [InlineData(0.0146484375f, true, 0x08)] // 15 * 2^-10: tie between the largest subnormal and the smallest normal
    [InlineData(-0.00048828125f, true, 0x80)] // underflows to -0
    [InlineData(1e-45f, true, 0x00)] // float32 subnormal
    public void Narrowing_follows_onnx_cast(float value, bool saturate, int expected)
    {
        Assert.Equal((byte)expected, Float8Format.E4M3FN.Encode(value, saturate));
    }

    [Fact]
    public void Positive_nan_encodes_as_positive_nan()
    {
        Assert.Equal(0x7F, Float8Format.E4M3FN.Encode(BitConverter.UInt32BitsToSingle(0x7FC0_0000)));
        Assert.Equal(0x7F, Float8Format.E4M3FN.Encode(BitConverter.UInt32BitsToSingle(0x7F80_0001), saturate: false));
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
        Float8Format.E4M3FN.Decode(codes, floats);
        var back = new byte[256];
        Float8Format.E4M3FN.Encode(floats, back, saturate: false);
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
