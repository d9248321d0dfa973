using FluxOnnx.Converter.Numerics;
using Xunit;

namespace FluxOnnx.Converter.Tests.Numerics;

public sealed class Float16ConversionTests
{
    // Independent binary16 decoder: sign, 5-bit exponent (bias 15), 10-bit mantissa.
    private static double Decode(int bits)
    {
        double sign = (bits & 0x8000) != 0 ? -1.0 : 1.0;
        int exponent = (bits >> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F)
        {
            return mantissa == 0 ? sign * double.PositiveInfinity : double.NaN;
        }
        return exponent == 0
            ? sign * (mantissa * Math.Pow(2, -24))
            : sign * (1024 + mantissa) * Math.Pow(2, exponent - 25);
    }

    [Fact]
    public void Widening_matches_an_independent_decoder_for_all_65536_patterns()
    {
        for (int b = 0; b <= ushort.MaxValue; b++)
        {
            double expected = Decode(b);
            float got = Float16Conversion.ToSingle((ushort)b);
            if (double.IsNaN(expected))
            {
                Assert.True(float.IsNaN(got), $"0x{b:X4}");
            }
            else
            {
                Assert.Equal(BitConverter.SingleToUInt32Bits((float)expected), BitConverter.SingleToUInt32Bits(got));
            }
        }
    }

    [Fact]
    public void Every_pattern_round_trips_and_nans_stay_nans_with_their_sign()
    {
        for (int b = 0; b <= ushort.MaxValue; b++)
        {
            ushort back = Float16Conversion.FromSingle(Float16Conversion.ToSingle((ushort)b));
            bool isNaN = (b & 0x7C00) == 0x7C00 && (b & 0x03FF) != 0;
            if (isNaN)
            {
                Assert.True((back & 0x7C00) == 0x7C00 && (back & 0x03FF) != 0, $"0x{b:X4} -> 0x{back:X4}");
                Assert.Equal(b & 0x8000, back & 0x8000);
            }
            else
            {
                Assert.Equal((ushort)b, back);
            }
        }
    }

    [Fact]
    public void Midpoints_between_finite_neighbours_round_to_the_even_one()
    {
        for (int b = 0; b < 0xFFFF; b++)
        {
            if ((b & 0x7FFF) >= 0x7BFF)
            {
                continue; // the last finite pair is covered by the overflow case below
            }
            float mid = (float)((Decode(b) + Decode(b + 1)) / 2); // exact: needs 12 significant bits
            ushort expected = (b & 1) == 0 ? (ushort)b : (ushort)(b + 1);
            Assert.Equal(expected, Float16Conversion.FromSingle(mid));
            // Stepping the float32 bits changes the magnitude, and |v(b + 1)| > |v(b)| for either sign.
            uint midBits = BitConverter.SingleToUInt32Bits(mid);
            Assert.Equal((ushort)b, Float16Conversion.FromSingle(BitConverter.UInt32BitsToSingle(midBits - 1)));
            Assert.Equal((ushort)(b + 1), Float16Conversion.FromSingle(BitConverter.UInt32BitsToSingle(midBits + 1)));
        }
    }

    [Fact]
    public void Bulk_narrowing_rounds_every_midpoint_like_the_scalar_path()
    {
        var mids = new List<float>();
        for (int b = 0; b < 0xFFFF; b++)
        {
            if ((b & 0x7FFF) < 0x7BFF)
            {
                float mid = (float)((Decode(b) + Decode(b + 1)) / 2);
                uint bits = BitConverter.SingleToUInt32Bits(mid);
                mids.AddRange([mid, BitConverter.UInt32BitsToSingle(bits - 1), BitConverter.UInt32BitsToSingle(bits + 1)]);
            }
        }
        mids.AddRange([65520f, -65520f, 1e10f, float.NaN, float.NegativeInfinity]);
        float[] source = [.. mids];
        var bulk = new ushort[source.Length];
        Float16Conversion.FromSingle(source, bulk);
        for (int i = 0; i < source.Length; i++)
        {
            Assert.Equal(Float16Conversion.FromSingle(source[i]), bulk[i]);
        }
    }

    [Theory]
    [InlineData(65504f, (ushort)0x7BFF)]
    [InlineData(65519f, (ushort)0x7BFF)]
    [InlineData(65520f, (ushort)0x7C00)] // tie between 65504 (odd) and 2^16: even side is Inf
    [InlineData(-65520f, (ushort)0xFC00)]
    [InlineData(1e10f, (ushort)0x7C00)]
    [InlineData(float.NegativeInfinity, (ushort)0xFC00)]
    [InlineData(2.98023224e-8f, (ushort)0x0000)] // 2^-25: tie between 0 and the smallest subnormal
    [InlineData(8.94069672e-8f, (ushort)0x0002)] // 3 * 2^-25: tie, rounds to even (2)
    [InlineData(1.00048828125f, (ushort)0x3C00)] // 1 + 2^-11: tie to even
    [InlineData(1.00146484375f, (ushort)0x3C02)] // 1 + 3 * 2^-11: tie to even (up)
    public void Narrowing_matches_hand_computed_bits(float value, ushort expected)
    {
        Assert.Equal(expected, Float16Conversion.FromSingle(value));
    }

    [Fact]
    public void Bulk_conversions_equal_the_scalar_ones_for_all_patterns()
    {
        var bits = new ushort[65536 + 5];
        for (int i = 0; i < bits.Length; i++)
        {
            bits[i] = (ushort)i;
        }
        var floats = new float[bits.Length];
        Float16Conversion.ToSingle(bits, floats);
        var back = new ushort[bits.Length];
        Float16Conversion.FromSingle(floats, back);
        for (int i = 0; i < bits.Length; i++)
        {
            Assert.Equal(BitConverter.SingleToUInt32Bits(Float16Conversion.ToSingle(bits[i])), BitConverter.SingleToUInt32Bits(floats[i]));
            Assert.Equal(Float16Conversion.FromSingle(floats[i]), back[i]);
        }
    }
}
