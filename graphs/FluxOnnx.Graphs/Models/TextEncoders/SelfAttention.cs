using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Layers;

namespace FluxOnnx.Graphs.Models.TextEncoders;

/// <summary>
/// The attention core of T5's and CLIP's self-attention, after the q/k/v projections and before the output
/// projection, in the op form chosen by <see cref="AttentionForm"/>:
/// softmax(q·kᵀ·<c>scale</c> + <c>bias</c> [+ causal mask])·v per head.
/// </summary>
internal static class SelfAttention
{
    /// <summary>
    /// q, k, v [B, S, N·H] → [B, S, N·H]. <paramref name="bias"/> (float, broadcastable to [B, N, S, S]) is added to
    /// the scaled logits; <paramref name="causal"/> masks key positions after the query (S must be fixed).
    /// <code>
    ///   q [B,S,N·H]  k [B,S,N·H]  v [B,S,N·H]
    ///        └─ per head: softmax(q kᵀ · scale + bias + causal) v ─┘
    ///                        [B,S,N·H]
    /// </code>
    /// </summary>
    public static Value Apply(GraphBuilder g, Value q, Value k, Value v, long numHeads, float scale, Value? bias,
        bool causal, AttentionForm form)
    {
        switch (form)
        {
            case AttentionForm.OnnxAttention:
                return g.Attention(q, k, v, numHeads, numHeads, attnMask: bias, scale: scale, isCausal: causal);
            case AttentionForm.MultiHeadAttention:
                return g.MultiHeadAttention(q, k, v, numHeads, attentionBias: WithCausalMask(g, q, bias, causal), scale: scale);
            case AttentionForm.Decomposed:
                return Decomposed(g, q, k, v, numHeads, scale, WithCausalMask(g, q, bias, causal));
            default:
                throw new ArgumentOutOfRangeException(nameof(form), form, "Unknown attention form.");
        }
    }

    /// <summary>
    /// <code>
    ///   q ─ Reshape [B,S,N,H] ─ Transpose [B,N,S,H] ─┐
    ///   k ─ Reshape [B,S,N,H] ─ Transpose [B,N,H,S] ─┴─ MatMul [B,N,S,S] ─ Mul scale ─ Add bias ─ Softmax ─┐
    ///   v ─ Reshape [B,S,N,H] ─ Transpose [B,N,S,H] ───────────────────────────────────────── MatMul [B,N,S,H]
    ///                                                         ─ Transpose [B,S,N,H] ─ Reshape [B,S,N·H]
    /// </code>
    /// </summary>
    private static Value Decomposed(GraphBuilder g, Value q, Value k, Value v, long numHeads, float scale, Value? bias)
    {
        long hidden = q.Shape[-1].Size ?? throw new ArgumentException("The attention width must be fixed.", nameof(q));
        long headDim = hidden / numHeads;
        q = g.Transpose(g.Reshape(q, 0, 0, numHeads, headDim), 0, 2, 1, 3); // [B, N, S, H]
        k = g.Transpose(g.Reshape(k, 0, 0, numHeads, headDim), 0, 2, 3, 1); // [B, N, H, S]
        v = g.Transpose(g.Reshape(v, 0, 0, numHeads, headDim), 0, 2, 1, 3); // [B, N, S, H]
        var logits = g.MatMul(q, k); // [B, N, S, S]
        if (scale != 1f)
        {
            logits = g.Mul(logits, g.Scalar(scale, logits.ElementType));
        }
        if (bias is not null)
        {
            logits = g.Add(logits, bias);
        }
        var probabilities = g.Softmax(logits, -1);
        var o = g.MatMul(probabilities, v); // [B, N, S, H]
        o = g.Transpose(o, 0, 2, 1, 3); // [B, S, N, H]
        return g.Reshape(o, 0, 0, hidden); // [B, S, N·H]
    }

    /// <summary>
    /// <paramref name="bias"/> plus, when <paramref name="causal"/>, a constant [1, 1, S, S] mask of 0 on and below
    /// the diagonal and -inf above it (the reference's <c>fill_(-inf).triu_(1)</c>).
    /// </summary>
    private static Value? WithCausalMask(GraphBuilder g, Value q, Value? bias, bool causal)
    {
        if (!causal) return bias;
        long length = q.Shape[1].Size ?? throw new ArgumentException("A causal mask needs a fixed sequence length.", nameof(q));
        var mask = new float[length * length];
        for (long row = 0; row < length; row++)
        {
            for (long col = row + 1; col < length; col++)
            {
                mask[(row * length) + col] = float.NegativeInfinity;
            }
        }
        var constant = g.Constant(mask, [1, 1, length, length]);
        return bias is null ? constant : g.Add(bias, constant);
    }
}
