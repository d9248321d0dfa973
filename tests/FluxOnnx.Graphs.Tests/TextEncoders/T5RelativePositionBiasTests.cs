using FluxOnnx.Graphs.Models.T5;
using Xunit;

namespace FluxOnnx.Graphs.Tests.TextEncoders;

/// <summary>The bucket table against values worked out by hand from transformers' <c>_relative_position_bucket</c>.</summary>
public sealed class T5RelativePositionBiasTests
{
    private const int Length = 512;
    private static readonly long[] Table = T5RelativePositionBias.Buckets(Length, 32, 128);

    // r = key - query. Keys at or before the query use buckets 0-15, keys after it 16-31; |r| < 8 is exact, then
    // 8 + floor(ln(|r|/8) / ln(16) · 8) capped at 15: |r| 9 → 8, 12 → 9, 16 → 10, 32 → 12, 64 → 14, 127 → 15.
    [Theory]
    [InlineData(0, 0)]
    [InlineData(-1, 1)]
    [InlineData(-7, 7)]
    [InlineData(-8, 8)]
    [InlineData(-9, 8)]
    [InlineData(-12, 9)]
    [InlineData(-16, 10)]
    [InlineData(-32, 12)]
    [InlineData(-64, 14)]
    [InlineData(-127, 15)]
    [InlineData(-128, 15)]
    [InlineData(-511, 15)]
    [InlineData(1, 17)]
    [InlineData(7, 23)]
    [InlineData(8, 24)]
    [InlineData(16, 26)]
    [InlineData(127, 31)]
    [InlineData(511, 31)]
    public void Each_relative_position_has_its_reference_bucket(int relative, long bucket)
    {
        // Every (query, key) pair at that distance, anywhere in the table, gets the same bucket.
        for (int query = Math.Max(0, -relative); query < Math.Min(Length, Length - relative); query += 37)
        {
            Assert.Equal(bucket, Table[((long)query * Length) + query + relative]);
        }
    }

    [Fact]
    public void The_table_is_row_major_query_by_key()
    {
        Assert.Equal(Length * Length, Table.Length);
        Assert.Equal(2, Table[(5 * Length) + 3]);  // query 5, key 3: r = -2
        Assert.Equal(18, Table[(3 * Length) + 5]); // query 3, key 5: r = +2
        Assert.Equal(T5RelativePositionBias.Buckets(256, 32, 128), Enumerable.Range(0, 256)
            .SelectMany(i => Table.Skip(i * Length).Take(256)).ToArray());
    }
}
