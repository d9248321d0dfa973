using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Layers;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>
/// flux <c>layers.py</c> <c>DoubleStreamBlock</c>: image and text keep separate weights but attend jointly over
/// cat(txt, img).
/// </summary>
public static class DoubleStreamBlock
{
    /// <summary>
    /// <code>
    ///   img ─norm1·mod1─► img_attn.qkv ─► heads ─QKNorm─┐            ┌─ img part ─proj─×gate1─(+img)─► img'
    ///   txt ─norm1·mod1─► txt_attn.qkv ─► heads ─QKNorm─┴─cat(txt, img)─attention─┴─ txt part ─proj─×gate1─(+txt)─► txt'
    ///   img' ─► img' + gate2 · img_mlp((1+scale2)·norm2(img') + shift2)      (the same for txt')
    /// </code>
    /// img [B, I, hidden], txt [B, T, hidden], vec [B, hidden]; returns both streams in the same shapes.
    /// <paramref name="w"/> is <c>double_blocks.{i}</c>; node names go under the builder's current scope.
    /// </summary>
    public static (Value Img, Value Txt) Apply(WeightScope w, Value img, Value txt, Value vec, RopeTable pe,
        FluxConfig config, FluxGraphOptions options)
    {
        var g = w.Builder;
        long hidden = config.HiddenSize;
        IReadOnlyList<ModulationOut> imgMod, txtMod;
        using (var mod = w.Enter("img_mod")) imgMod = Modulation.Apply(mod, vec, hidden, isDouble: true);
        using (var mod = w.Enter("txt_mod")) txtMod = Modulation.Apply(mod, vec, hidden, isDouble: true);
        var (imgMod1, imgMod2, txtMod1, txtMod2) = (imgMod[0], imgMod[1], txtMod[0], txtMod[1]);

        // prepare image and text for attention: q, k, v [B, I|T, N, D]
        Value imgQ, imgK, imgV, txtQ, txtK, txtV;
        using (var imgAttnScope = w.Enter("img_attn"))
        {
            var imgModulated = ModulatedLayerNorm.Apply(g, img, imgMod1.Shift, imgMod1.Scale, hidden);
            (imgQ, imgK, imgV) = SelfAttention.QkvHeads(imgAttnScope, imgModulated, config, options);
        }
        using (var txtAttnScope = w.Enter("txt_attn"))
        {
            var txtModulated = ModulatedLayerNorm.Apply(g, txt, txtMod1.Shift, txtMod1.Scale, hidden);
            (txtQ, txtK, txtV) = SelfAttention.QkvHeads(txtAttnScope, txtModulated, config, options);
        }

        // joint attention over the text tokens followed by the image tokens
        Value txtAttn, imgAttn;
        using (g.Scope("attention"))
        {
            var q = g.Concat(1, txtQ, imgQ);                                             // [B, T+I, N, D]
            var k = g.Concat(1, txtK, imgK);
            var v = g.Concat(1, txtV, imgV);
            var attn = FluxAttention.Apply(g, q, k, v, pe, config, options.ResolvedAttention); // [B, T+I, hidden]
            (txtAttn, imgAttn) = TokenSplit.Apply(g, attn, txt, img);                    // [B, T, hidden], [B, I, hidden]
        }

        img = Residuals(w, "img", img, imgAttn, imgMod1, imgMod2, config);
        txt = Residuals(w, "txt", txt, txtAttn, txtMod1, txtMod2, config);
        return (img, txt);
    }

    /// <summary>x + gate1·proj(attn), then + gate2·mlp(modulated norm2): the two gated residuals of one stream.</summary>
    private static Value Residuals(WeightScope w, string stream, Value x, Value attn, ModulationOut mod1, ModulationOut mod2,
        FluxConfig config)
    {
        var g = w.Builder;
        long hidden = config.HiddenSize;
        Value proj;
        using (var attnScope = w.Enter(stream + "_attn"))
        using (var projScope = attnScope.Enter("proj"))
        {
            proj = Linear.Apply(projScope, attn, hidden, hidden);                         // [B, L, hidden]
        }
        using (g.Scope(stream)) x = g.Add(x, g.Mul(mod1.Gate, proj));                     // [B, L, hidden]
        using var mlpScope = w.Enter(stream + "_mlp");
        var h = ModulatedLayerNorm.Apply(g, x, mod2.Shift, mod2.Scale, hidden);
        var mlp = Mlp.Apply(mlpScope, h, hidden, config.MlpHiddenDim);
        return g.Add(x, g.Mul(mod2.Gate, mlp));                                           // [B, L, hidden]
    }
}
