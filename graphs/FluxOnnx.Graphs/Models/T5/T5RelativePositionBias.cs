using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.T5;

/// <summary>
/// T5's relative position bias (transformers <c>T5Attention._relative_position_bucket</c> and
/// <c>compute_bias</c>, bidirectional as in the encoder). Block 0 owns the table
/// <c>relative_attention_bias.weight</c> [buckets, heads]; the bias it yields is added to the attention logits of
/// every block.
/// </summary>
/// <remarks>
/// The package's text length L is fixed, so the bucket of every (query, key) pair is computed here once and stored
/// as an INT64 [L, L] constant (512 KiB for L = 256, 2 MiB for L = 512); the graph only gathers the learned table
/// with it. This replaces the reference's runtime arange/abs/log/where chain, which has no input other than L.
/// </remarks>
public static class T5RelativePositionBias
{
    /// <summary>
    /// The bucket of every (query i, key j) pair for sequences of <paramref name="length"/>, row-major [L, L]:
    /// relative position r = j - i; keys after the query use the upper half of the buckets; |r| below
    /// buckets/4 is its own bucket, larger |r| fall into log-spaced buckets up to <paramref name="maxDistance"/>,
    /// and everything beyond shares the last bucket of its half.
    /// </summary>
    public static long[] Buckets(int length, int numBuckets, int maxDistance)
    {
        int half = numBuckets / 2;    // bidirectional: [0, half) for r <= 0, [half, buckets) for r > 0
        int maxExact = half / 2;
        var buckets = new long[(long)length * length];
        for (int i = 0; i < length; i++)
        {
            for (int j = 0; j < length; j++)
            {
                int r = j - i;
                long bucket = r > 0 ? half : 0;
                int distance = Math.Abs(r);
                if (distance < maxExact)
                {
                    bucket += distance;
                }
                else
                {
                    // The reference computes this in float32 and truncates toward zero. For the shipped sizes
                    // (32 buckets, max distance 128) every distance up to 1023 gives the same bucket in float64.
                    float logRatio = MathF.Log(distance / (float)maxExact) / (float)Math.Log(maxDistance / (double)maxExact);
                    long large = maxExact + (long)(logRatio * (half - maxExact));
                    bucket += Math.Min(large, half - 1);
                }
                buckets[((long)i * length) + j] = bucket;
            }
        }
        return buckets;
    }

    /// <summary>
    /// The bias [1, heads, L, L] from block 0's <c>relative_attention_bias.weight</c> in <paramref name="attention"/>
    /// (the <c>SelfAttention</c> scope).
    /// <code>
    ///   weight [buckets, N] ─ Gather(buckets [L, L]) ─ [L, L, N] ─ Transpose ─ [N, L, L] ─ Unsqueeze ─ [1, N, L, L]
    /// </code>
    /// </summary>
    public static Value Apply(WeightScope attention, T5EncoderConfig config, int length)
    {
        var g = attention.Builder;
        using var bias = attention.Enter("relative_attention_bias");
        var table = bias.Float("weight", config.RelativeAttentionNumBuckets, config.NumHeads);
        var buckets = g.Constant(Buckets(length, config.RelativeAttentionNumBuckets, config.RelativeAttentionMaxDistance), [length, length]);
        var values = g.Gather(table, buckets, 0); // [L, L, N]
        values = g.Transpose(values, 2, 0, 1);    // [N, L, L]
        return g.Unsqueeze(values, 0);            // [1, N, L, L]
    }
}
