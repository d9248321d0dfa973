using FluxOnnx.Converter.Numerics;
using Xunit;

namespace FluxOnnx.Converter.Tests.Numerics;

public sealed class WideningConversionTests
{
    [Theory]
    [InlineData(1.0000000596046448, 1f)] // 1 + 2^-24: tie, even is 1
    [InlineData(1.0000001788139343, 1.0000002384185791f)] // 1 + 3 * 2^-24: tie, even is 1 + 2^-22
    [InlineData(1e39, float.PositiveInfinity)]
    [InlineData(-1e39, float.NegativeInfinity)]
    [InlineData(0.1, 0.100000001490116f)]
    public void Float64_narrows_to_nearest_even(double value, float expected)
    {
        Assert.Equal(expected, Float64Conversion.ToSingle(value));
    }

    [Fact]
    public void Float64_bulk_equals_scalar_on_an_odd_length_and_keeps_nan()
    {
        var source = new double[37];
        for (int i = 0; i < source.Length; i++)
        {
            source[i] = 1.0 + i * Math.Pow(2, -25);
        }
        source[5] = double.NaN;
        var destination = new float[source.Length];
        Float64Conversion.ToSingle(source, destination);
        for (int i = 0; i < source.Length; i++)
        {
            Assert.Equal((float)source[i], destination[i]);
        }
        Assert.True(float.IsNaN(destination[5]));
    }

    [Fact]
    public void Integers_widen_exactly()
    {
        var int64 = new long[3];
        IntegerWidening.ToInt64(new sbyte[] { -128, 0, 127 }, int64);
        Assert.Equal(new long[] { -128, 0, 127 }, int64);
        IntegerWidening.ToInt64(new byte[] { 0, 1, 255 }, int64);
        Assert.Equal(new long[] { 0, 1, 255 }, int64);
        IntegerWidening.ToInt64(new short[] { short.MinValue, -1, short.MaxValue }, int64);
        Assert.Equal(new long[] { -32768, -1, 32767 }, int64);
        IntegerWidening.ToInt64(new[] { int.MinValue, 7, int.MaxValue }, int64);
        Assert.Equal(new long[] { int.MinValue, 7, int.MaxValue }, int64);

        var single = new float[3];
        IntegerWidening.ToSingle(new byte[] { 0, 128, 255 }, single);
        Assert.Equal(new[] { 0f, 128f, 255f }, single);
        IntegerWidening.ToSingle(new short[] { short.MinValue, 0, short.MaxValue }, single);
        Assert.Equal(new[] { -32768f, 0f, 32767f }, single);
    }
}
