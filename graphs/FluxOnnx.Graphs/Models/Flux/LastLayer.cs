using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Layers;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>
/// flux <c>layers.py</c> <c>LastLayer</c> (<c>final_layer</c>): <c>adaLN_modulation</c> = Sequential(SiLU,
/// Linear) gives (shift, scale) in that order (diffusers stores them swapped), then norm_final and
/// <c>linear</c> to the output channels (patch size 1).
/// </summary>
public static class LastLayer
{
    /// <summary>
    /// <code>
    ///   vec [B, hidden] ─SiLU─► adaLN_modulation.1 ─► [B, 2·hidden] ─chunk─► shift, scale [B, 1, hidden]
    ///   x [B, I, hidden] ─(1+scale)·norm_final(x)+shift─► linear ─► [B, I, out_channels]
    /// </code>
    /// </summary>
    public static Value Apply(WeightScope w, Value x, Value vec, FluxConfig config)
    {
        var g = w.Builder;
        long hidden = config.HiddenSize;
        Value emb;
        using (var adaLnModulation = w.Enter("adaLN_modulation"))
        using (var lin = adaLnModulation.Enter(1))
        {
            emb = Linear.Apply(lin, Silu.Apply(g, vec), hidden, 2 * hidden); // [B, 2·hidden]
        }
        var chunks = g.SplitEqual(g.Unsqueeze(emb, 1), -1, 2);                             // 2 × [B, 1, hidden]
        var (shift, scale) = (chunks[0], chunks[1]);
        x = ModulatedLayerNorm.Apply(g, x, shift, scale, hidden);                           // [B, I, hidden]
        using var linear = w.Enter("linear");
        return Linear.Apply(linear, x, hidden, config.OutChannels); // [B, I, out]
    }
}
