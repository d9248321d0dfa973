using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Layers;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>
/// The projection half of flux <c>layers.py</c> <c>SelfAttention</c> as DoubleStreamBlock uses it: <c>qkv</c>
/// Linear, the split into heads, and <c>norm</c> (QKNorm). The attention itself is <see cref="FluxAttention"/>
/// (it runs on both streams at once); <c>proj</c> is applied by the block.
/// </summary>
public static class SelfAttention
{
    /// <summary>
    /// <code>
    ///   x [B, L, hidden] ─qkv─► [B, L, 3·hidden] ─split heads─► q, k, v [B, L, N, D] ─QKNorm(q, k)─► q, k, v
    /// </code>
    /// <paramref name="w"/> is the attention module (<c>double_blocks.i.img_attn</c>).
    /// </summary>
    public static (Value Q, Value K, Value V) QkvHeads(WeightScope w, Value x, FluxConfig config, FluxGraphOptions options)
    {
        var g = w.Builder;
        long hidden = config.HiddenSize;
        Value qkv;
        using (var qkvScope = w.Enter("qkv")) qkv = Linear.Apply(qkvScope, x, hidden, 3 * hidden, config.QkvBias);   // [B, L, 3·hidden]
        var (q, k, v) = SplitHeads(g, qkv, config);
        using (var norm = w.Enter("norm")) (q, k) = QkNorm.Apply(norm, q, k, config.HeadDim, options.ResolvedQkNorm);
        return (q, k, v);
    }

    /// <summary>
    /// BFL's <c>rearrange(qkv, "B L (K H D) -> K B H L D", K=3)</c>, kept token-major: [B, L, 3·N·D] →
    /// q, k, v [B, L, N, D]. Heads stay on axis 2 so the fused attention ops can read [B, L, N·D] by reshape alone.
    /// </summary>
    public static (Value Q, Value K, Value V) SplitHeads(GraphBuilder g, Value qkv, FluxConfig config)
    {
        var heads = g.Reshape(qkv, 0, 0, 3 * config.NumHeads, config.HeadDim);           // [B, L, 3·N, D]
        var parts = g.SplitEqual(heads, 2, 3);                                             // 3 × [B, L, N, D]
        return (parts[0], parts[1], parts[2]);
    }
}
