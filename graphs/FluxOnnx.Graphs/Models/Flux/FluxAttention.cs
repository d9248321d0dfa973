using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Layers;

namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>
/// flux <c>math.py</c> <c>attention</c>: RoPE on q and k, scaled dot-product attention over all tokens (no
/// mask, scale 1/√head_dim), heads merged back. The <see cref="AttentionForm"/> decides the ops; every form
/// computes the same maths.
/// </summary>
public static class FluxAttention
{
    /// <summary>
    /// <code>
    ///   q, k ─RoPE─┐
    ///   v ─────────┴─► MultiHeadAttention | Attention(23) | Transpose·MatMul·Softmax·MatMul ─► [B, L, N·D]
    /// </code>
    /// q, k, v are [B, L, N, D]; the fused forms take them as [B, L, N·D] (a free reshape); the decomposed form
    /// transposes to [B, N, L, D] as SDPA's layout.
    /// </summary>
    public static Value Apply(GraphBuilder g, Value q, Value k, Value v, RopeTable pe, FluxConfig config, AttentionForm form)
    {
        long heads = config.NumHeads, headDim = config.HeadDim, hidden = config.HiddenSize;
        using (g.Scope("rope_q")) q = Rope.Apply(g, q, pe);
        using (g.Scope("rope_k")) k = Rope.Apply(g, k, pe);
        switch (form)
        {
            case AttentionForm.MultiHeadAttention:
                return g.MultiHeadAttention(
                    g.Reshape(q, 0, 0, hidden), g.Reshape(k, 0, 0, hidden), g.Reshape(v, 0, 0, hidden), heads); // [B, L, hidden]
            case AttentionForm.OnnxAttention:
                return g.Attention(
                    g.Reshape(q, 0, 0, hidden), g.Reshape(k, 0, 0, hidden), g.Reshape(v, 0, 0, hidden),
                    qNumHeads: heads, kvNumHeads: heads);                                            // [B, L, hidden]
            case AttentionForm.Decomposed:
                var qt = g.Transpose(q, 0, 2, 1, 3);                                                // [B, N, L, D]
                var kt = g.Transpose(k, 0, 2, 3, 1);                                                // [B, N, D, L]
                var vt = g.Transpose(v, 0, 2, 1, 3);                                                // [B, N, L, D]
                var scores = g.Mul(g.MatMul(qt, kt), g.Constant((float)(1.0 / Math.Sqrt(headDim)))); // [B, N, L, L]
                var o = g.MatMul(g.Softmax(scores, -1), vt);                                        // [B, N, L, D]
                return g.Reshape(g.Transpose(o, 0, 2, 1, 3), 0, 0, hidden);                         // [B, L, hidden]
            default:
                throw new ArgumentOutOfRangeException(nameof(form), form, null);
        }
    }
}
