using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>
/// flux <c>layers.py</c> <c>QKNorm</c>: an <c>RMSNorm</c> with a learnable <c>scale</c> [head_dim] on q
/// (<c>query_norm</c>) and on k (<c>key_norm</c>), eps 1e-6, over each head. The reference computes the
/// root-mean-square in float32; this graph's activations are float32, so the op does too.
/// </summary>
public static class QkNorm
{
    /// <summary>eps inside RMSNorm's rsqrt (layers.py).</summary>
    public const float Epsilon = 1e-6f;

    /// <summary>q, k [B, L, N, D] → normalized q, k of the same shape. <paramref name="w"/> is the <c>norm</c> module.</summary>
    public static (Value Q, Value K) Apply(WeightScope w, Value q, Value k, long headDim, QkNormForm form)
    {
        var g = w.Builder;
        Value qn, kn;
        using (var queryNorm = w.Enter("query_norm")) qn = RmsNorm(g, q, queryNorm.Float("scale", headDim), form);
        using (var keyNorm = w.Enter("key_norm")) kn = RmsNorm(g, k, keyNorm.Float("scale", headDim), form);
        return (qn, kn);
    }

    private static Value RmsNorm(GraphBuilder g, Value x, Value scale, QkNormForm form) => form switch
    {
        QkNormForm.RmsNormalization => g.RmsNormalization(x, scale, axis: -1, epsilon: Epsilon),
        QkNormForm.SimplifiedLayerNormalization => g.SimplifiedLayerNormalization(x, scale, axis: -1, epsilon: Epsilon),
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, null),
    };
}
