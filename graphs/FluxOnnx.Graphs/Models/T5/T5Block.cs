using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Layers;
using FluxOnnx.Graphs.Models.TextEncoders;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.T5;

/// <summary>
/// One T5 v1.1 encoder block (transformers <c>T5Block</c> without cross-attention): <c>layer.0</c> is the
/// pre-norm self-attention, <c>layer.1</c> the pre-norm gated-GELU feed-forward, each added to the residual.
/// </summary>
public static class T5Block
{
    /// <summary>
    /// x [B, L, d_model] → [B, L, d_model] for the block at <paramref name="block"/> (<c>encoder.block.{i}</c>),
    /// with <paramref name="positionBias"/> [1, N, L, L] added to every head's logits.
    /// <code>
    ///   x ─┬─ T5LayerNorm ─ q, k, v ─ attention(scale 1, + position bias) ─ o ─(+)─┐
    ///      └─────────────────────────────────────────────────────────────────────┘ │
    ///   x ─┬─ T5LayerNorm ─┬─ wi_0 ─ gelu_tanh ─(×)─ wo ─(+)─→ x
    ///      │               └─ wi_1 ─────────────┘        │
    ///      └─────────────────────────────────────────────┘
    /// </code>
    /// </summary>
    public static Value Apply(WeightScope block, Value x, Value positionBias, T5EncoderConfig config, TextEncoderGraphOptions options)
    {
        var g = block.Builder;
        // fp16 keeps T5's residual stream (these Adds and the layer norms) and FFN output in float32: T5
        // activations overflow float16 (FLUX-FACTS "Known traps").
        using (var layer0 = block.Enter("layer", 0))
        {
            var attention = SelfAttentionBranch(layer0, x, positionBias, config, options); // [B, L, d_model]
            using var keep = g.KeepFloat32();
            x = g.Add(x, attention); // [B, L, d_model]
        }
        using (var layer1 = block.Enter("layer", 1))
        {
            var feedForward = FeedForwardBranch(layer1, x, config); // [B, L, d_model]
            using var keep = g.KeepFloat32();
            x = g.Add(x, feedForward); // [B, L, d_model]
        }
        return x;
    }

    /// <summary>
    /// T5LayerNorm: x / sqrt(mean(x²) + eps) · weight over d_model, no mean subtraction, no bias (RMSNormalization),
    /// kept in float32 by the fp16 precision.
    /// </summary>
    public static Value LayerNorm(WeightScope norm, Value x, T5EncoderConfig config)
    {
        var g = norm.Builder;
        using var keep = g.KeepFloat32();
        return g.RmsNormalization(x, norm.Float("weight", config.DModel), -1, config.LayerNormEpsilon);
    }

    /// <summary>T5LayerSelfAttention's residual branch. T5 does not scale the logits by 1/sqrt(d_kv).</summary>
    private static Value SelfAttentionBranch(WeightScope layer, Value x, Value positionBias, T5EncoderConfig config, TextEncoderGraphOptions options)
    {
        var g = layer.Builder;
        Value h;
        using (var norm = layer.Enter("layer_norm"))
        {
            h = LayerNorm(norm, x, config);
        }
        using var attention = layer.Enter("SelfAttention");
        Value q = Project(attention, "q", h, config.DModel, config.InnerDim); // [B, L, N·d_kv]
        Value k = Project(attention, "k", h, config.DModel, config.InnerDim); // [B, L, N·d_kv]
        Value v = Project(attention, "v", h, config.DModel, config.InnerDim); // [B, L, N·d_kv]
        var o = SelfAttention.Apply(g, q, k, v, config.NumHeads, scale: 1f, positionBias, causal: false, options.Attention);
        return Project(attention, "o", o, config.InnerDim, config.DModel); // [B, L, d_model]
    }

    /// <summary>T5LayerFF with T5DenseGatedActDense: wo(gelu_tanh(wi_0 h) · wi_1 h), h the normed x.</summary>
    private static Value FeedForwardBranch(WeightScope layer, Value x, T5EncoderConfig config)
    {
        var g = layer.Builder;
        Value h;
        using (var norm = layer.Enter("layer_norm"))
        {
            h = LayerNorm(norm, x, config);
        }
        using var dense = layer.Enter("DenseReluDense");
        Value gate = Project(dense, "wi_0", h, config.DModel, config.DFf); // [B, L, d_ff]
        using (g.Scope("act"))
        {
            // gelu_new in transformers is the tanh approximation.
            gate = g.Gelu(gate, "tanh");
        }
        Value linear = Project(dense, "wi_1", h, config.DModel, config.DFf); // [B, L, d_ff]
        var gated = g.Mul(gate, linear); // [B, L, d_ff]
        using var keep = g.KeepFloat32(); // fp16: the FFN output projection, where T5 activations overflow
        return Project(dense, "wo", gated, config.DFf, config.DModel); // [B, L, d_model]
    }

    private static Value Project(WeightScope parent, string name, Value x, long inFeatures, long outFeatures)
    {
        using var scope = parent.Enter(name);
        return Linear.Apply(scope, x, inFeatures, outFeatures, bias: false);
    }
}
