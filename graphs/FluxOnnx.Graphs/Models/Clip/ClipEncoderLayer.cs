using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Layers;
using FluxOnnx.Graphs.Models.TextEncoders;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.Clip;

/// <summary>One pre-LayerNorm CLIP encoder layer (transformers <c>CLIPEncoderLayer</c>) with causal self-attention.</summary>
public static class ClipEncoderLayer
{
    /// <summary>
    /// x [B, 77, hidden] → [B, 77, hidden] for the layer at <paramref name="layer"/> (<c>text_model.encoder.layers.{i}</c>).
    /// <code>
    ///   x ─┬─ layer_norm1 ─ q_proj, k_proj, v_proj ─ causal attention (scale 1/sqrt(head_dim)) ─ out_proj ─(+)─┐
    ///      └───────────────────────────────────────────────────────────────────────────────────────────────┘ │
    ///   x ─┬─ layer_norm2 ─ fc1 ─ quick_gelu ─ fc2 ─(+)─→ x
    ///      └──────────────────────────────────────────┘
    /// </code>
    /// </summary>
    public static Value Apply(WeightScope layer, Value x, ClipTextConfig config, TextEncoderGraphOptions options)
    {
        var g = layer.Builder;
        x = g.Add(x, SelfAttentionBranch(layer, LayerNorm(layer, "layer_norm1", x, config), config, options)); // [B, S, hidden]
        x = g.Add(x, MlpBranch(layer, LayerNorm(layer, "layer_norm2", x, config), config));                    // [B, S, hidden]
        return x;
    }

    /// <summary>nn.LayerNorm over hidden_size with weight and bias (<c>{name}.weight</c>, <c>{name}.bias</c>).</summary>
    public static Value LayerNorm(WeightScope parent, string name, Value x, ClipTextConfig config)
    {
        var g = parent.Builder;
        using var norm = parent.Enter(name);
        return g.LayerNormalization(x, norm.Float("weight", config.HiddenSize), norm.Float("bias", config.HiddenSize), -1, config.LayerNormEps);
    }

    private static Value SelfAttentionBranch(WeightScope layer, Value h, ClipTextConfig config, TextEncoderGraphOptions options)
    {
        var g = layer.Builder;
        using var attention = layer.Enter("self_attn");
        Value q = Project(attention, "q_proj", h, config.HiddenSize, config.HiddenSize); // [B, S, N·H]
        Value k = Project(attention, "k_proj", h, config.HiddenSize, config.HiddenSize); // [B, S, N·H]
        Value v = Project(attention, "v_proj", h, config.HiddenSize, config.HiddenSize); // [B, S, N·H]
        float scale = 1f / MathF.Sqrt(config.HeadDim);
        var o = SelfAttention.Apply(g, q, k, v, config.NumAttentionHeads, scale, bias: null, causal: true, options.Attention);
        return Project(attention, "out_proj", o, config.HiddenSize, config.HiddenSize); // [B, S, hidden]
    }

    /// <summary>CLIPMLP: fc2(act(fc1(h))).</summary>
    private static Value MlpBranch(WeightScope layer, Value h, ClipTextConfig config)
    {
        var g = layer.Builder;
        using var mlp = layer.Enter("mlp");
        var hidden = Project(mlp, "fc1", h, config.HiddenSize, config.IntermediateSize); // [B, S, intermediate]
        using (g.Scope("activation_fn"))
        {
            hidden = config.HiddenAct switch
            {
                // quick_gelu: x · sigmoid(1.702 · x)
                ClipActivation.QuickGelu => g.Mul(hidden, g.Sigmoid(g.Mul(hidden, g.Scalar(1.702, hidden.ElementType)))),
                ClipActivation.Gelu => g.Gelu(hidden),
                _ => throw new ArgumentOutOfRangeException(nameof(config), config.HiddenAct, "Unknown CLIP activation."),
            };
        }
        return Project(mlp, "fc2", hidden, config.IntermediateSize, config.HiddenSize); // [B, S, hidden]
    }

    private static Value Project(WeightScope parent, string name, Value x, long inFeatures, long outFeatures)
    {
        using var scope = parent.Enter(name);
        return Linear.Apply(scope, x, inFeatures, outFeatures, bias: true);
    }
}
