using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Graphs.Layers;

namespace FluxOnnx.Graphs.Models.Autoencoder;

/// <summary>
/// flux <c>autoencoder.py</c> <c>AttnBlock</c>: single-head self-attention over the h·w pixels of the mid block,
/// q/k/v/proj_out being 1×1 convolutions, with a residual connection.
/// </summary>
internal static class AttnBlock
{
    /// <summary>
    /// <code>
    ///  x [B, C, H, W] ─────────────────────────────────────────────┐
    ///    norm: GroupNorm(32)                                       │
    ///    q, k, v: 1×1 convs                   [B, C, H, W] each    │
    ///    flatten pixels, channels last        [B, H·W, C]          │
    ///    softmax(q·kᵀ / √C)·v, one head       [B, H·W, C]          │
    ///    channels first, unflatten pixels     [B, C, H, W]         │
    ///    proj_out: 1×1 conv                                        │
    ///    + ◄───────────────────────────────────────────────────────┘
    /// </code>
    /// </summary>
    public static Value Apply(WeightScope scope, Value x, long channels, AttentionForm form)
    {
        var g = scope.Builder;
        var h = GroupNorm.Apply(scope, "norm", x, channels);
        var q = Conv2d.Pointwise(scope, "q", h, channels, channels);
        var k = Conv2d.Pointwise(scope, "k", h, channels, channels);
        var v = Conv2d.Pointwise(scope, "v", h, channels, channels);

        Value attended;
        using (g.Scope("attention"))
        {
            float scale = 1f / MathF.Sqrt(channels);
            attended = form switch
            {
                AttentionForm.MultiHeadAttention =>
                    g.MultiHeadAttention(Tokens(g, q), Tokens(g, k), Tokens(g, v), numHeads: 1, scale: scale),
                AttentionForm.OnnxAttention =>
                    g.Attention(Tokens(g, q), Tokens(g, k), Tokens(g, v), qNumHeads: 1, kvNumHeads: 1, scale: scale),
                AttentionForm.Decomposed => Decomposed(g, q, k, v, scale),
                _ => throw new ArgumentOutOfRangeException(nameof(form), form, "Unknown attention form."),
            }; // [B, H·W, C]
            attended = g.Transpose(attended, 0, 2, 1);                        // [B, C, H·W]
            attended = g.Reshape(attended, g.ShapeOf(x), x.Shape);            // [B, C, H, W]
        }
        var projected = Conv2d.Pointwise(scope, "proj_out", attended, channels, channels);
        return g.Add(x, projected);
    }

    /// <summary>[B, C, H, W] → [B, H·W, C]: the reference's <c>"b c h w -> b 1 (h w) c"</c> without the head axis.</summary>
    private static Value Tokens(GraphBuilder g, Value x) =>
        g.Transpose(g.Reshape(x, 0, 0, -1), 0, 2, 1);

    /// <summary>softmax(q·kᵀ·scale)·v from MatMul/Softmax; kᵀ is k merely flattened, [B, C, H·W].</summary>
    private static Value Decomposed(GraphBuilder g, Value q, Value k, Value v, float scale)
    {
        var qTokens = g.Mul(Tokens(g, q), g.Scalar(scale, q.ElementType)); // [B, H·W, C], pre-scaled
        var kT = g.Reshape(k, 0, 0, -1);                                    // [B, C, H·W]
        var weights = g.Softmax(g.MatMul(qTokens, kT), axis: -1);           // [B, H·W, H·W]
        return g.MatMul(weights, Tokens(g, v));                             // [B, H·W, C]
    }
}
