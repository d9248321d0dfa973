using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Layers;
using FluxOnnx.Graphs.Weights;

// flux src/flux/modules/layers.py as graph code, one static class per reference class or function and in the
// reference's order: EmbedND, timestep_embedding, MLPEmbedder, RMSNorm, QKNorm, SelfAttention, ModulationOut,
// Modulation, DoubleStreamBlock, SingleStreamBlock, LastLayer; then the three small pieces the blocks share that
// are expressions, not classes, in the reference (SiLU, the modulated affine-free LayerNorm, the token split).
// Every method takes the module's WeightScope: entering a child module (w.Enter("qkv")) also enters its node
// scope, so node names are the module paths (/transformer/double_blocks.3/img_attn/qkv/MatMul).
namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>layers.py <c>EmbedND</c>: the RoPE table <c>pe</c> of every token from its position ids, in float32.</summary>
public static class EmbedND
{
    /// <summary>
    /// <code>
    ///   ids [L, n_axes] ─rope per axis, cat over axes─► cos, sin [L, D] ─unsqueeze(1)─► pe [L, 1, D] ×2
    /// </code>
    /// EmbedND.forward; the per-axis <c>rope</c> and the concatenation are <see cref="FluxMath.Rope"/>.
    /// </summary>
    public static RopeTable Apply(GraphBuilder g, Value ids, IReadOnlyList<int> axesDim, int theta)
    {
        var (cos, sin) = FluxMath.Rope(g, ids, axesDim, theta);                          // [L, D] each
        return new RopeTable(g.Unsqueeze(cos, 1), g.Unsqueeze(sin, 1));                   // [L, 1, D] each
    }
}

/// <summary>
/// layers.py <c>timestep_embedding(t, 256)</c>: sinusoids of 1000·t, cosines first. Used for the timestep and, in
/// guidance-distilled models, for the guidance scale.
/// </summary>
public static class TimestepEmbedding
{
    /// <summary>Embedding width the reference passes (256).</summary>
    public const int Dim = 256;

    /// <summary>time_factor: the model sees sigma·1000 (layers.py default).</summary>
    public const float TimeFactor = 1000f;

    /// <summary>max_period of the sinusoids (layers.py default).</summary>
    public const double MaxPeriod = 10000;

    /// <summary>
    /// <code>
    ///   t [B] ──×1000──► [B] ─unsqueeze─► [B, 1] ──× freqs [1, 128]──► args [B, 128]
    ///                                              cat(cos(args), sin(args)) ──► [B, 256]
    /// </code>
    /// freqs are exp(-ln(max_period)·i/half), rounded as torch computes them in float32.
    /// </summary>
    public static Value Apply(GraphBuilder g, Value t)
    {
        const int half = Dim / 2;
        var freqs = new float[half];
        float negLogPeriod = (float)-Math.Log(MaxPeriod);
        for (int i = 0; i < half; i++)
        {
            // Same float32 steps as torch: (-ln(P) · i) / half, then exp.
            freqs[i] = MathF.Exp(negLogPeriod * i / half);
        }
        var scaled = g.Mul(t, g.Constant(TimeFactor));                                   // [B]
        var args = g.Mul(g.Unsqueeze(scaled, 1), g.Constant(freqs, [1, half]));          // [B, 128]
        return g.Concat(-1, g.Cos(args), g.Sin(args));                                  // [B, 256]
    }
}

/// <summary>layers.py <c>MLPEmbedder</c>: <c>out_layer(silu(in_layer(x)))</c>, used by time_in, vector_in, guidance_in.</summary>
public static class MlpEmbedder
{
    /// <summary>MLPEmbedder.forward: x [B, in_dim] → [B, hidden]. <paramref name="w"/> is the embedder (<c>time_in</c>).</summary>
    public static Value Apply(WeightScope w, Value x, long inDim, long hidden)
    {
        var g = w.Builder;
        Value h;
        using (var inLayer = w.Enter("in_layer")) h = Linear.Apply(inLayer, x, inDim, hidden);   // [B, hidden]
        h = Silu.Apply(g, h);
        using var outLayer = w.Enter("out_layer");
        return Linear.Apply(outLayer, h, hidden, hidden);                                       // [B, hidden]
    }
}

/// <summary>
/// layers.py <c>RMSNorm</c>: <c>x · rsqrt(mean(x²) + 1e-6) · scale</c> over the last axis, learnable
/// <c>scale</c> [dim]. The reference computes the root-mean-square in float32; this graph's activations are
/// float32, so the op does too.
/// </summary>
public static class RmsNorm
{
    /// <summary>eps inside RMSNorm's rsqrt (layers.py).</summary>
    public const float Epsilon = 1e-6f;

    /// <summary>RMSNorm.forward: x [..., dim] → [..., dim]. <paramref name="w"/> is the norm (<c>query_norm</c>).</summary>
    public static Value Apply(WeightScope w, Value x, long dim, QkNormForm form)
    {
        var g = w.Builder;
        var scale = w.Float("scale", dim);
        return form switch
        {
            QkNormForm.RmsNormalization => g.RmsNormalization(x, scale, axis: -1, epsilon: Epsilon),
            QkNormForm.SimplifiedLayerNormalization => g.SimplifiedLayerNormalization(x, scale, axis: -1, epsilon: Epsilon),
            _ => throw new ArgumentOutOfRangeException(nameof(form), form, null),
        };
    }
}

/// <summary>layers.py <c>QKNorm</c>: an <see cref="RmsNorm"/> on q (<c>query_norm</c>) and one on k (<c>key_norm</c>), over each head.</summary>
public static class QkNorm
{
    /// <summary>QKNorm.forward: q, k [B, L, N, D] → normalized q, k of the same shape. <paramref name="w"/> is the <c>norm</c> module.</summary>
    public static (Value Q, Value K) Apply(WeightScope w, Value q, Value k, long headDim, QkNormForm form)
    {
        using (var queryNorm = w.Enter("query_norm")) q = RmsNorm.Apply(queryNorm, q, headDim, form);
        using (var keyNorm = w.Enter("key_norm")) k = RmsNorm.Apply(keyNorm, k, headDim, form);
        return (q, k);
    }
}

/// <summary>
/// layers.py <c>SelfAttention</c> as the blocks use it: <c>qkv</c>, the split into heads, and <c>norm</c>
/// (QKNorm). The attention itself is <see cref="FluxMath.Attention"/> (a double block runs it on both streams at
/// once) and <c>proj</c> is applied by the block, as DoubleStreamBlock.forward does.
/// </summary>
public static class SelfAttention
{
    /// <summary>
    /// <code>
    ///   x [B, L, hidden] ─qkv─► [B, L, 3·hidden] ─split heads─► q, k, v [B, L, N, D] ─norm(q, k)─► q, k, v
    /// </code>
    /// The first three lines of SelfAttention.forward. <paramref name="w"/> is the attention module (<c>img_attn</c>).
    /// </summary>
    public static (Value Q, Value K, Value V) QkvHeads(WeightScope w, Value x, FluxConfig config, FluxGraphOptions options)
    {
        long hidden = config.HiddenSize;
        Value qkv;
        using (var qkvLinear = w.Enter("qkv")) qkv = Linear.Apply(qkvLinear, x, hidden, 3 * hidden, config.QkvBias); // [B, L, 3·hidden]
        var (q, k, v) = SplitHeads(w.Builder, qkv, config);                                 // [B, L, N, D] each
        using (var norm = w.Enter("norm")) (q, k) = QkNorm.Apply(norm, q, k, config.HeadDim, options.ResolvedQkNorm);
        return (q, k, v);
    }

    /// <summary>
    /// The reference's <c>rearrange(qkv, "B L (K H D) -> K B H L D", K=3)</c>, kept token-major: [B, L, 3·N·D] →
    /// q, k, v [B, L, N, D]. Heads stay on axis 2 so the fused attention ops can read [B, L, N·D] by reshape alone.
    /// </summary>
    public static (Value Q, Value K, Value V) SplitHeads(GraphBuilder g, Value qkv, FluxConfig config)
    {
        var heads = g.Reshape(qkv, 0, 0, 3 * config.NumHeads, config.HeadDim);           // [B, L, 3·N, D]
        var parts = g.SplitEqual(heads, 2, 3);                                             // 3 × [B, L, N, D]
        return (parts[0], parts[1], parts[2]);
    }
}

/// <summary>layers.py <c>ModulationOut</c>: three [B, 1, hidden] values that condition one sub-layer on <c>vec</c>.</summary>
public sealed record ModulationOut(Value Shift, Value Scale, Value Gate);

/// <summary>
/// layers.py <c>Modulation</c>: <c>lin(silu(vec))</c> chunked into (shift, scale, gate) once (single-stream
/// blocks) or twice (double-stream blocks: attention, then MLP).
/// </summary>
public static class Modulation
{
    /// <summary>
    /// <code>
    ///   vec [B, hidden] ─SiLU─► lin ─► [B, m·hidden] ─[:, None, :]─► [B, 1, m·hidden] ─chunk m─► m × [B, 1, hidden]
    ///                                  (shift, scale, gate)[, (shift, scale, gate)]   m = 6 double, 3 single
    /// </code>
    /// Modulation.forward; returns one <see cref="ModulationOut"/> per chunk triple, in reference order.
    /// </summary>
    public static IReadOnlyList<ModulationOut> Apply(WeightScope w, Value vec, long hidden, bool isDouble)
    {
        var g = w.Builder;
        int multiplier = isDouble ? 6 : 3;
        Value linOut;
        using (var lin = w.Enter("lin")) linOut = Linear.Apply(lin, Silu.Apply(g, vec), hidden, multiplier * hidden); // [B, m·hidden]
        var chunks = g.SplitEqual(g.Unsqueeze(linOut, 1), -1, multiplier);                   // m × [B, 1, hidden]
        var outs = new List<ModulationOut> { new(chunks[0], chunks[1], chunks[2]) };
        if (isDouble) outs.Add(new(chunks[3], chunks[4], chunks[5]));
        return outs;
    }
}

/// <summary>
/// layers.py <c>DoubleStreamBlock</c>: image and text keep separate weights but attend jointly over cat(txt, img).
/// </summary>
public static class DoubleStreamBlock
{
    /// <summary>
    /// <code>
    ///   img ─norm1·mod1─► img_attn.qkv ─► heads ─QKNorm─┐                         ┌─ img part ─proj─×gate1─(+img)─► img'
    ///   txt ─norm1·mod1─► txt_attn.qkv ─► heads ─QKNorm─┴─cat(txt, img)─attention─┴─ txt part ─proj─×gate1─(+txt)─► txt'
    ///   img' ─► img' + gate2 · img_mlp((1+scale2)·norm2(img') + shift2)      (the same for txt')
    /// </code>
    /// DoubleStreamBlock.forward. img [B, I, hidden], txt [B, T, hidden], vec [B, hidden]; returns both streams in
    /// the same shapes. <paramref name="w"/> is <c>double_blocks.{i}</c>.
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

        // prepare image for attention: img_norm1, modulation, img_attn.qkv, heads, img_attn.norm
        Value imgQ, imgK, imgV;
        using (var imgAttn = w.Enter("img_attn"))
        {
            var imgModulated = ModulatedLayerNorm.Apply(g, img, imgMod1.Shift, imgMod1.Scale, hidden); // [B, I, hidden]
            (imgQ, imgK, imgV) = SelfAttention.QkvHeads(imgAttn, imgModulated, config, options);         // [B, I, N, D] each
        }

        // prepare txt for attention: the same with txt_* weights
        Value txtQ, txtK, txtV;
        using (var txtAttn = w.Enter("txt_attn"))
        {
            var txtModulated = ModulatedLayerNorm.Apply(g, txt, txtMod1.Shift, txtMod1.Scale, hidden); // [B, T, hidden]
            (txtQ, txtK, txtV) = SelfAttention.QkvHeads(txtAttn, txtModulated, config, options);         // [B, T, N, D] each
        }

        // run actual attention over the text tokens followed by the image tokens
        Value txtAttnOut, imgAttnOut;
        using (g.Scope("attention"))
        {
            var q = g.Concat(1, txtQ, imgQ);                                             // [B, T+I, N, D]
            var k = g.Concat(1, txtK, imgK);                                             // [B, T+I, N, D]
            var v = g.Concat(1, txtV, imgV);                                             // [B, T+I, N, D]
            var attn = FluxMath.Attention(g, q, k, v, pe, config, options.ResolvedAttention); // [B, T+I, hidden]
            (txtAttnOut, imgAttnOut) = TokenSplit.Apply(g, attn, txt, img);              // [B, T, hidden], [B, I, hidden]
        }

        // calculate the img blocks, then the txt blocks
        img = GatedResiduals(w, "img", "img_attn", "img_mlp", img, imgAttnOut, imgMod1, imgMod2, config);
        txt = GatedResiduals(w, "txt", "txt_attn", "txt_mlp", txt, txtAttnOut, txtMod1, txtMod2, config);
        return (img, txt);
    }

    /// <summary>
    /// The two gated residuals of one stream, the last two lines per stream of DoubleStreamBlock.forward:
    /// x + gate1·{attn}.proj(attn), then + gate2·{mlp}((1 + scale2)·norm2(x) + shift2). x, attn [B, L, hidden].
    /// The attention residual's nodes go under the plain scope <paramref name="stream"/>.
    /// </summary>
    private static Value GatedResiduals(WeightScope w, string stream, string attnModule, string mlpModule, Value x, Value attn,
        ModulationOut mod1, ModulationOut mod2, FluxConfig config)
    {
        var g = w.Builder;
        long hidden = config.HiddenSize;
        Value proj;
        using (var attnScope = w.Enter(attnModule))
        using (var projScope = attnScope.Enter("proj"))
        {
            proj = Linear.Apply(projScope, attn, hidden, hidden);                         // [B, L, hidden]
        }
        using (g.Scope(stream)) x = g.Add(x, g.Mul(mod1.Gate, proj));                     // [B, L, hidden]
        using var mlpScope = w.Enter(mlpModule);
        var h = ModulatedLayerNorm.Apply(g, x, mod2.Shift, mod2.Scale, hidden);          // [B, L, hidden]
        var mlp = Mlp(mlpScope, h, hidden, config.MlpHiddenDim);                          // [B, L, hidden]
        return g.Add(x, g.Mul(mod2.Gate, mlp));                                           // [B, L, hidden]
    }

    /// <summary>
    /// <c>img_mlp</c> / <c>txt_mlp</c>: <c>nn.Sequential(Linear, GELU(approximate="tanh"), Linear)</c>, weights at
    /// indices 0 and 2. x [B, L, hidden] → [B, L, mlp_hidden] → GELU(tanh) → [B, L, hidden].
    /// </summary>
    private static Value Mlp(WeightScope w, Value x, long hidden, long mlpHidden)
    {
        Value h;
        using (var fc1 = w.Enter(0)) h = Linear.Apply(fc1, x, hidden, mlpHidden);       // [B, L, mlp_hidden]
        h = w.Builder.Gelu(h, "tanh");
        using var fc2 = w.Enter(2);
        return Linear.Apply(fc2, h, mlpHidden, hidden);                                   // [B, L, hidden]
    }
}

/// <summary>
/// layers.py <c>SingleStreamBlock</c>: one stream of text then image tokens, with the attention and MLP inputs
/// fused in <c>linear1</c> and their outputs fused in <c>linear2</c>.
/// </summary>
public static class SingleStreamBlock
{
    /// <summary>
    /// <code>
    ///   x ─pre_norm·mod─► linear1 ─► [B, L, 3·hidden + mlp] ─split─┬─ qkv ─heads─QKNorm─attention─► [B, L, hidden] ─┐
    ///                                                             └─ mlp ─GELU(tanh)──────────────► [B, L, mlp]    ─┴─cat─► linear2 ─×gate─(+x)─►
    /// </code>
    /// SingleStreamBlock.forward. x [B, L, hidden] (L = txt_tokens + img_tokens), vec [B, hidden].
    /// <paramref name="w"/> is <c>single_blocks.{i}</c>. <paramref name="keepResidualFloat32"/> (a late block) tags
    /// the residual stream's nodes for the fp16 precision to keep in float32: pre_norm's LayerNormalization and the
    /// Adds of its modulation, and the gated residual Add.
    /// </summary>
    public static Value Apply(WeightScope w, Value x, Value vec, RopeTable pe, FluxConfig config, FluxGraphOptions options,
        bool keepResidualFloat32 = false)
    {
        var g = w.Builder;
        long hidden = config.HiddenSize, mlpHidden = config.MlpHiddenDim;
        ModulationOut mod;
        using (var modulation = w.Enter("modulation")) mod = Modulation.Apply(modulation, vec, hidden, isDouble: false)[0];
        Value xMod;
        using (g.KeepFloat32If(keepResidualFloat32, "LayerNormalization", "Add"))
        {
            xMod = ModulatedLayerNorm.Apply(g, x, mod.Shift, mod.Scale, hidden);        // [B, L, hidden]
        }

        Value lin1;
        using (var linear1 = w.Enter("linear1")) lin1 = Linear.Apply(linear1, xMod, hidden, 3 * hidden + mlpHidden); // [B, L, 3·hidden + mlp]
        var split = g.Split(lin1, -1, 3 * hidden, mlpHidden);
        var (qkv, mlp) = (split[0], split[1]);                                            // [B, L, 3·hidden], [B, L, mlp]

        var (q, k, v) = SelfAttention.SplitHeads(g, qkv, config);                         // [B, L, N, D] each
        using (var norm = w.Enter("norm")) (q, k) = QkNorm.Apply(norm, q, k, config.HeadDim, options.ResolvedQkNorm);

        // compute attention
        Value attn;
        using (g.Scope("attention")) attn = FluxMath.Attention(g, q, k, v, pe, config, options.ResolvedAttention); // [B, L, hidden]

        // compute activation in mlp stream, cat again and run second linear layer
        var cat = g.Concat(-1, attn, g.Gelu(mlp, "tanh"));                                // [B, L, hidden + mlp]
        Value output;
        using (var linear2 = w.Enter("linear2")) output = Linear.Apply(linear2, cat, hidden + mlpHidden, hidden); // [B, L, hidden]
        var gated = g.Mul(mod.Gate, output);                                              // [B, L, hidden]
        using (g.KeepFloat32If(keepResidualFloat32)) return g.Add(x, gated);             // [B, L, hidden]
    }
}

/// <summary>
/// layers.py <c>LastLayer</c> (<c>final_layer</c>): <c>adaLN_modulation</c> = Sequential(SiLU, Linear) gives
/// (shift, scale) in that order (diffusers stores them swapped), then norm_final and <c>linear</c> to the output
/// channels (patch size 1).
/// </summary>
public static class LastLayer
{
    /// <summary>
    /// <code>
    ///   vec [B, hidden] ─SiLU─► adaLN_modulation.1 ─► [B, 2·hidden] ─[:, None, :]─► [B, 1, 2·hidden] ─chunk─► shift, scale [B, 1, hidden]
    ///   x [B, I, hidden] ─(1+scale)·norm_final(x)+shift─► linear ─► [B, I, out_channels]
    /// </code>
    /// LastLayer.forward.
    /// </summary>
    public static Value Apply(WeightScope w, Value x, Value vec, FluxConfig config)
    {
        var g = w.Builder;
        long hidden = config.HiddenSize;
        Value emb;
        using (var adaLnModulation = w.Enter("adaLN_modulation"))
        using (var lin = adaLnModulation.Enter(1))
        {
            emb = Linear.Apply(lin, Silu.Apply(g, vec), hidden, 2 * hidden);             // [B, 2·hidden]
        }
        var chunks = g.SplitEqual(g.Unsqueeze(emb, 1), -1, 2);                             // 2 × [B, 1, hidden]
        var (shift, scale) = (chunks[0], chunks[1]);
        x = ModulatedLayerNorm.Apply(g, x, shift, scale, hidden);                           // [B, I, hidden]
        using var linear = w.Enter("linear");
        return Linear.Apply(linear, x, hidden, config.OutChannels);                        // [B, I, out_channels]
    }
}

/// <summary><c>nn.SiLU</c> / <c>nn.functional.silu</c>: x·sigmoid(x) (ONNX has no SiLU op; ORT fuses this pair on its own).</summary>
public static class Silu
{
    public static Value Apply(GraphBuilder g, Value x) => g.Mul(x, g.Sigmoid(x));
}

/// <summary>
/// The expression every FLUX sub-layer opens with, <c>(1 + mod.scale) · norm(x) + mod.shift</c>, where norm is
/// <c>nn.LayerNorm(hidden, elementwise_affine=False, eps=1e-6)</c> (img_norm1/2, txt_norm1/2, pre_norm,
/// norm_final in layers.py).
/// </summary>
public static class ModulatedLayerNorm
{
    /// <summary>eps of every affine-free LayerNorm in the reference.</summary>
    public const float Epsilon = 1e-6f;

    /// <summary>x [B, L, hidden]; shift and scale broadcast as [B, 1, hidden]. Returns [B, L, hidden].</summary>
    public static Value Apply(GraphBuilder g, Value x, Value shift, Value scale, long hidden)
    {
        // No affine parameters: LayerNormalization takes a ones scale and no bias (one shared constant).
        var normed = g.LayerNormalization(x, g.Constant(Enumerable.Repeat(1f, checked((int)hidden)).ToArray()), epsilon: Epsilon);
        var onePlusScale = g.Add(scale, g.Constant(1f));                                 // [B, 1, hidden]
        return g.Add(g.Mul(onePlusScale, normed), shift);                               // [B, L, hidden]
    }
}

/// <summary>
/// Undoes the joint sequence <c>cat((txt, img), dim=1)</c>: <c>x[:, :txt.shape[1]]</c> and
/// <c>x[:, txt.shape[1]:]</c> (DoubleStreamBlock.forward and Flux.forward). Both token counts are symbolic, so the
/// split sizes come from the runtime shapes of the two streams.
/// </summary>
public static class TokenSplit
{
    /// <summary>
    /// <code>
    ///   joint [B, T+I, C] ─Split(axis 1, sizes = (T, I) from Shape(txt), Shape(img))─► [B, T, C], [B, I, C]
    /// </code>
    /// <paramref name="txt"/> and <paramref name="img"/> only lend their token counts (axis 1).
    /// </summary>
    public static (Value Txt, Value Img) Apply(GraphBuilder g, Value joint, Value txt, Value img)
    {
        var sizes = g.Concat(0, g.ShapeOf(txt, 1, 2), g.ShapeOf(img, 1, 2));            // [2] INT64
        var parts = g.Op("Split", [joint, sizes], [NodeAttribute.Int("axis", 1)],
        [
            new TensorType(joint.ElementType, joint.Shape.With(1, txt.Shape[1])),        // [B, T, C]
            new TensorType(joint.ElementType, joint.Shape.With(1, img.Shape[1])),        // [B, I, C]
        ]);
        return (parts[0], parts[1]);
    }
}
