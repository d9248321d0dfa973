using FluxOnnx.Graphs.Building;

namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>
/// flux <c>math.py</c> <c>apply_rope</c>: rotates each adjacent pair (x[2k], x[2k+1]) of a head by its angle:
/// out[2k] = cos·x[2k] − sin·x[2k+1], out[2k+1] = sin·x[2k] + cos·x[2k+1].
/// </summary>
public static class Rope
{
    /// <summary>
    /// <code>
    ///   x [B, L, N, D] ──────────────────────────× Cos [L, 1, D] ──┐
    ///   x ─Gather(1,0,3,2,…)─► pairs swapped ───× Sin [L, 1, D] ──┴─ + ─► [B, L, N, D]
    /// </code>
    /// With the signed sine of <see cref="RopeTable"/> the products and their order match the reference, so the
    /// float32 result is the same.
    /// </summary>
    public static Value Apply(GraphBuilder g, Value x, RopeTable pe)
    {
        long headDim = x.Shape[-1].Size ?? throw new ArgumentException("RoPE needs a fixed head dim.", nameof(x));
        var swap = new long[headDim];
        for (long i = 0; i < headDim; i++) swap[i] = i ^ 1;                               // 1, 0, 3, 2, ...
        var swapped = g.Gather(x, g.Constant(swap), axis: -1);                            // [B, L, N, D]
        return g.Add(g.Mul(x, pe.Cos), g.Mul(swapped, pe.Sin));                           // [B, L, N, D]
    }
}
