using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Layers;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>
/// flux <c>layers.py</c> <c>SingleStreamBlock</c>: one stream of text then image tokens, with the attention
/// and MLP inputs fused in <c>linear1</c> and their outputs fused in <c>linear2</c>.
/// </summary>
public static class SingleStreamBlock
{
    /// <summary>
    /// <code>
    ///   x ─pre_norm·mod─► linear1 ─► [B, L, 3·hidden + mlp] ─split─┬─ qkv ─heads─QKNorm─attention─► [B, L, hidden] ─┐
    ///                                                             └─ mlp ─GELU(tanh)──────────────► [B, L, mlp]    ─┴─cat─► linear2 ─×gate─(+x)─►
    /// </code>
    /// x [B, L, hidden] (L = txt_tokens + img_tokens), vec [B, hidden]. <paramref name="w"/> is <c>single_blocks.{i}</c>.
    /// </summary>
    public static Value Apply(WeightScope w, Value x, Value vec, RopeTable pe, FluxConfig config, FluxGraphOptions options)
    {
        var g = w.Builder;
        long hidden = config.HiddenSize, mlpHidden = config.MlpHiddenDim;
        ModulationOut mod;
        using (var modulation = w.Enter("modulation")) mod = Modulation.Apply(modulation, vec, hidden, isDouble: false)[0];
        var xMod = ModulatedLayerNorm.Apply(g, x, mod.Shift, mod.Scale, hidden);        // [B, L, hidden]

        Value lin1;
        using (var linear1 = w.Enter("linear1")) lin1 = Linear.Apply(linear1, xMod, hidden, 3 * hidden + mlpHidden); // [B, L, 3·hidden + mlp]
        var split = g.Split(lin1, -1, 3 * hidden, mlpHidden);
        var (qkv, mlp) = (split[0], split[1]);                                            // [B, L, 3·hidden], [B, L, mlp]

        var (q, k, v) = SelfAttention.SplitHeads(g, qkv, config);                         // [B, L, N, D] each
        using (var norm = w.Enter("norm")) (q, k) = QkNorm.Apply(norm, q, k, config.HeadDim, options.ResolvedQkNorm);
        Value attn;
        using (g.Scope("attention")) attn = FluxAttention.Apply(g, q, k, v, pe, config, options.ResolvedAttention); // [B, L, hidden]

        var cat = g.Concat(-1, attn, g.Gelu(mlp, "tanh"));                                // [B, L, hidden + mlp]
        Value output;
        using (var linear2 = w.Enter("linear2")) output = Linear.Apply(linear2, cat, hidden + mlpHidden, hidden); // [B, L, hidden]
        return g.Add(x, g.Mul(mod.Gate, output));
    }
}
