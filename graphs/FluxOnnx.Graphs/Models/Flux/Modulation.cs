using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Layers;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>
/// flux <c>layers.py</c> <c>Modulation</c>: <c>lin(silu(vec))</c> chunked into (shift, scale, gate) once
/// (single-stream blocks) or twice (double-stream blocks, attention then MLP).
/// </summary>
public static class Modulation
{
    /// <summary>
    /// <code>
    ///   vec [B, hidden] ─SiLU─► lin ─► [B, m·hidden] ─unsqueeze─► [B, 1, m·hidden] ─chunk m─► m × [B, 1, hidden]
    ///                                  (shift, scale, gate)[, (shift, scale, gate)]   m = 6 double, 3 single
    /// </code>
    /// Returns one <see cref="ModulationOut"/> per chunk triple, in reference order.
    /// </summary>
    public static IReadOnlyList<ModulationOut> Apply(WeightScope w, Value vec, long hidden, bool isDouble)
    {
        var g = w.Builder;
        int multiplier = isDouble ? 6 : 3;
        Value lin;
        using (var linScope = w.Enter("lin")) lin = Linear.Apply(linScope, Silu.Apply(g, vec), hidden, multiplier * hidden);  // [B, m·hidden]
        var chunks = g.SplitEqual(g.Unsqueeze(lin, 1), -1, multiplier);                   // m × [B, 1, hidden]
        var outs = new List<ModulationOut> { new(chunks[0], chunks[1], chunks[2]) };
        if (isDouble) outs.Add(new(chunks[3], chunks[4], chunks[5]));
        return outs;
    }
}
