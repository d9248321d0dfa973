using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Layers;

namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>
/// flux <c>src/flux/math.py</c>, function for function and in its order: <see cref="Attention"/>
/// (<c>attention</c>), <see cref="Rope"/> (<c>rope</c>), <see cref="ApplyRope"/> (<c>apply_rope</c>). The RoPE
/// table <c>pe</c> travels as a <see cref="RopeTable"/>. Read it side by side with math.py; <c>timestep_embedding</c>
/// lives where the reference has it, in layers.py (<see cref="TimestepEmbedding"/>).
/// </summary>
public static class FluxMath
{
    /// <summary>
    /// math.py <c>attention(q, k, v, pe)</c>: RoPE on q and k, scaled dot-product attention over all tokens (no
    /// mask, scale 1/√head_dim), heads merged back (<c>"B H L D -> B L (H D)"</c>). The
    /// <see cref="AttentionForm"/> decides the ops; every form computes the same maths.
    /// <code>
    ///   q, k ─apply_rope─┐
    ///   v ───────────────┴─► MultiHeadAttention | Attention(23) | Transpose·MatMul·Softmax·MatMul ─► [B, L, N·D]
    /// </code>
    /// q, k, v are [B, L, N, D] (heads on axis 2, not axis 1 as in the reference, so the fused forms read them as
    /// [B, L, N·D] by a free reshape); the decomposed form transposes to SDPA's [B, N, L, D].
    /// </summary>
    public static Value Attention(GraphBuilder g, Value q, Value k, Value v, RopeTable pe, FluxConfig config, AttentionForm form)
    {
        long heads = config.NumHeads, headDim = config.HeadDim, hidden = config.HiddenSize;
        (q, k) = ApplyRope(g, q, k, pe);                                                    // [B, L, N, D] each
        switch (form)
        {
            case AttentionForm.MultiHeadAttention:
                return g.MultiHeadAttention(
                    g.Reshape(q, 0, 0, hidden), g.Reshape(k, 0, 0, hidden), g.Reshape(v, 0, 0, hidden), heads); // [B, L, N·D]
            case AttentionForm.OnnxAttention:
                return g.Attention(
                    g.Reshape(q, 0, 0, hidden), g.Reshape(k, 0, 0, hidden), g.Reshape(v, 0, 0, hidden),
                    qNumHeads: heads, kvNumHeads: heads);                                            // [B, L, N·D]
            case AttentionForm.Decomposed:
                var qt = g.Transpose(q, 0, 2, 1, 3);                                                // [B, N, L, D]
                var kt = g.Transpose(k, 0, 2, 3, 1);                                                // [B, N, D, L]
                var vt = g.Transpose(v, 0, 2, 1, 3);                                                // [B, N, L, D]
                var scores = g.Mul(g.MatMul(qt, kt), g.Constant((float)(1.0 / Math.Sqrt(headDim)))); // [B, N, L, L]
                var x = g.MatMul(g.Softmax(scores, -1), vt);                                        // [B, N, L, D]
                return g.Reshape(g.Transpose(x, 0, 2, 1, 3), 0, 0, hidden);                         // [B, L, N·D]
            default:
                throw new ArgumentOutOfRangeException(nameof(form), form, null);
        }
    }

    /// <summary>
    /// math.py <c>rope(pos, dim, theta)</c> for every id axis at once (EmbedND's <c>torch.cat</c> over the axes
    /// is the column order): axis i drives <c>axes_dim[i] / 2</c> frequency pairs with
    /// ω = 1 / θ^(2j / axes_dim[i]), the pairs of all axes in axis order (16 + 56 + 56 = 128 for FLUX.1: pairs 0-7
    /// time, 8-35 row, 36-63 column).
    /// <code>
    ///   ids [L, n_axes] ─Gather(axis of column)─► pos [L, D] ─× ω [D]─► angles [L, D] ─┬─cos──────────────► cos [L, D]
    ///                                                                                  └─sin × (−1,+1,…)─► sin [L, D]
    /// </code>
    /// D = head_dim; columns 2j and 2j+1 share pair j's axis and ω, so each angle is <c>pos·ω</c> exactly as the
    /// reference's einsum forms it. ω is computed in double and rounded once. Row 0 of the reference's 2×2
    /// rotation is (cos, −sin), row 1 (sin, cos): the sign vector puts −sin in even columns and +sin in odd ones.
    /// </summary>
    public static (Value Cos, Value Sin) Rope(GraphBuilder g, Value ids, IReadOnlyList<int> axesDim, int theta)
    {
        int headDim = axesDim.Sum();
        var axisOfColumn = new long[headDim];
        var omega = new float[headDim];
        var sinSign = new float[headDim];
        int column = 0;
        for (int axis = 0; axis < axesDim.Count; axis++)
        {
            int dim = axesDim[axis];
            for (int pair = 0; pair < dim / 2; pair++)
            {
                float w = (float)(1.0 / Math.Pow(theta, 2.0 * pair / dim));                 // omega = 1 / theta**(arange(0, dim, 2) / dim)
                for (int half = 0; half < 2; half++, column++)
                {
                    axisOfColumn[column] = axis;
                    omega[column] = w;
                    sinSign[column] = half == 0 ? -1f : 1f;
                }
            }
        }
        var pos = g.Gather(ids, g.Constant(axisOfColumn), axis: 1);                       // [L, D]
        var angles = g.Mul(pos, g.Constant(omega));                                        // [L, D]
        var cos = g.Cos(angles);                                                           // [L, D]
        var sin = g.Mul(g.Sin(angles), g.Constant(sinSign));                               // [L, D]
        return (cos, sin);
    }

    /// <summary>
    /// math.py <c>apply_rope(xq, xk, freqs_cis)</c>: rotates each adjacent pair (x[2j], x[2j+1]) of every head of
    /// q and of k by its angle: out[2j] = cos·x[2j] − sin·x[2j+1], out[2j+1] = sin·x[2j] + cos·x[2j+1]. Nodes go
    /// under <c>rope_q</c> and <c>rope_k</c>.
    /// <code>
    ///   x [B, L, N, D] ─────────────────────────× Cos [L, 1, D] ──┐
    ///   x ─Gather(1,0,3,2,…)─► pairs swapped ───× Sin [L, 1, D] ──┴─ + ─► [B, L, N, D]      (x = q, then k)
    /// </code>
    /// With the signed sine of <see cref="RopeTable"/> the products and their order match the reference, so the
    /// float32 result is the same.
    /// </summary>
    public static (Value Q, Value K) ApplyRope(GraphBuilder g, Value q, Value k, RopeTable pe)
    {
        Value qOut, kOut;
        using (g.Scope("rope_q")) qOut = RotatePairs(g, q, pe);
        using (g.Scope("rope_k")) kOut = RotatePairs(g, k, pe);
        return (qOut, kOut);
    }

    private static Value RotatePairs(GraphBuilder g, Value x, RopeTable pe)
    {
        long headDim = x.Shape[-1].Size ?? throw new ArgumentException("RoPE needs a fixed head dim.", nameof(x));
        var swap = new long[headDim];
        for (long i = 0; i < headDim; i++) swap[i] = i ^ 1;                               // 1, 0, 3, 2, ...
        var swapped = g.Gather(x, g.Constant(swap), axis: -1);                            // [B, L, N, D]
        return g.Add(g.Mul(x, pe.Cos), g.Mul(swapped, pe.Sin));                           // [B, L, N, D]
    }
}

/// <summary>
/// The RoPE table BFL calls <c>pe</c> (math.py <c>rope</c>'s output after EmbedND's unsqueeze), stored as the two
/// factors <see cref="FluxMath.ApplyRope"/> needs, each [L, 1, head_dim] float32 (L = txt_tokens + img_tokens,
/// axis 1 broadcasts over heads): for pair j of a head, columns 2j and 2j+1 hold (cos θ_j, cos θ_j) in
/// <see cref="Cos"/> and (−sin θ_j, +sin θ_j) in <see cref="Sin"/>, the entries of the reference's 2×2 rotation
/// [[cos, −sin], [sin, cos]].
/// </summary>
public sealed record RopeTable(Value Cos, Value Sin);
