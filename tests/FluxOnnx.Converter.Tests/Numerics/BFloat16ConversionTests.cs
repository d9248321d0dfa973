using FluxOnnx.Converter.Numerics;
using Xunit;

namespace FluxOnnx.Converter.Tests.Numerics;

public sealed class BFloat16ConversionTests
{
    [Fact]
    public void Widening_is_a_16_bit_shift_for_all_65536_patterns()
    {
        for (int b = 0; b <= ushort.MaxValue; b++)
        {
            uint got = BitConverter.SingleToUInt32Bits(BFloat16Conversion.ToSingle((ushort)b));
            Assert.Equal((uint)b << 16, got);
        }
    }

    [Fact]
    public void Every_pattern_round_trips_and_nans_stay_quiet_nans_with_their_sign()
    {
        for (int b = 0; b <= ushort.MaxValue; b++)
        {
            ushort back = BFloat16Conversion.FromSingle(BFloat16Conversion.ToSingle((ushort)b));
            bool isNaN = (b & 0x7F80) == 0x7F80 && (b & 0x007F) != 0;
            Assert.Equal(isNaN ? (ushort)(b | 0x0040) : (ushort)b, back);
        }
    }

    [Fact]
    public void Midpoints_between_neighbours_round_to_the_even_one_and_off_midpoints_to_the_nearer()
    {
        for (uint b = 0; b < 0xFFFF; b++)
        {
            uint magnitude = b & 0x7FFF;
            if (magnitude >= 0x7F80 || (b & 0x7FFF) == 0x7FFF)
            {
                continue; // Inf/NaN, or the neighbour across the sign change
            }
            uint mid = (b << 16) | 0x8000;
            ushort expected = (b & 1) == 0 ? (ushort)b : (ushort)(b + 1);
            Assert.Equal(expected, BFloat16Conversion.FromSingle(BitConverter.UInt32BitsToSingle(mid)));
            Assert.Equal((ushort)b, BFloat16Conversion.FromSingle(BitConverter.UInt32BitsToSingle(mid - 1)));
            Assert.Equal((ushort)(b + 1), BFloat16Conversion.FromSingle(BitConverter.UInt32BitsToSingle(mid + 1)));
        }
    }

    [Theory]
    [InlineData(0x3F808000u, (ushort)0x3F80)] // 1 + 2^-8: tie, 0x3F80 is even
    [InlineData(0x3F818000u, (ushort)0x3F82)] // tie, rounds up to even
    [InlineData(0x3F808001u, (ushort)0x3F81)] // just past the tie
    [InlineData(0x7F7FFFFFu, (ushort)0x7F80)] // float.MaxValue rounds past the largest bf16: +Inf
    [InlineData(0x7F7F7FFFu, (ushort)0x7F7F)] // largest bf16 stays
    [InlineData(0xFF800000u, (ushort)0xFF80)] // -Inf
    [InlineData(0x7F800000u, (ushort)0x7F80)] // +Inf
    [InlineData(0x7F800001u, (ushort)0x7FC0)] // signalling NaN with low payload: must not become Inf
    [InlineData(0xFFC00000u, (ushort)0xFFC0)] // negative quiet NaN keeps its sign
    [InlineData(0x00008000u, (ushort)0x0000)] // subnormal tie to even (zero)
    [InlineData(0x00018000u, (ushort)0x0002)] // subnormal tie to even (up)
    [InlineData(0x80000000u, (ushort)0x8000)] // -0
    public void Narrowing_matches_hand_computed_bits(uint floatBits, ushort expected)
    {
        Assert.Equal(expected, BFloat16Conversion.FromSingle(BitConverter.UInt32BitsToSingle(floatBits)));
    }

    [Fact]
    public void Bulk_conversions_equal_the_scalar_ones_for_all_patterns_and_an_odd_tail()
    {
        const int count = 65536 + 7;
        var bits = new ushort[count];
        for (int i = 0; i < count; i++)
        {
            bits[i] = (ushort)(i * 40503); // a permutation of all patterns, then a tail
        }
        var floats = new float[count];
        BFloat16Conversion.ToSingle(bits, floats);
        for (int i = 0; i < count; i++)
        {
            Assert.Equal((uint)bits[i] << 16, BitConverter.SingleToUInt32Bits(floats[i]));
        }

        // Perturb the low halves so the vector path sees ties, near-ties and NaN payloads.
        for (int i = 0; i < count; i++)
        {
            uint low = (uint)(i % 4) switch { 0 => 0x8000u, 1 => 0x7FFFu, 2 => 0x8001u, _ => 0u };
            floats[i] = BitConverter.UInt32BitsToSingle(((uint)bits[i] << 16) | low);
        }
        var narrowed = new ushort[count];
        BFloat16Conversion.FromSingle(floats, narrowed);
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(BFloat16Conversion.FromSingle(floats[i]), narrowed[i]);
        }
    }

    [Fact]
    public void Bulk_conversion_rejects_a_short_destination()
    {
        Assert.Throws<ArgumentException>(() => BFloat16Conversion.ToSingle(new ushort[4], new float[3]));
        Assert.Throws<ArgumentException>(() => BFloat16Conversion.FromSingle(new float[4], new ushort[3]));
    }
}
