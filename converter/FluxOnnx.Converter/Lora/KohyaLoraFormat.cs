using FluxOnnx.Lora;

namespace FluxOnnx.Converter.Lora;

/// <summary>
/// kohya-ss/sd-scripts FLUX LoRAs (<c>networks/lora_flux.py</c>, <c>LoRANetwork</c>): the module path with '.' → '_'
/// behind a prefix, then <c>.lora_down.weight</c> [rank, in], <c>.lora_up.weight</c> [out, rank] and a scalar
/// <c>.alpha</c>; the update is up·down·alpha/rank, alpha absent = rank (scale 1).
/// <code>
///   lora_unet_double_blocks_0_img_attn_qkv   → transformer double_blocks.0.img_attn.qkv (BFL's fused q|k|v rows)
///   lora_unet_single_blocks_0_linear1        → transformer single_blocks.0.linear1 (q|k|v|mlp rows)
///   lora_te1_text_model_encoder_layers_0_…   → CLIP (lora_te_ for older single-encoder files)
///   lora_te2_encoder_block_0_layer_0_…       → T5 (sd-scripts' LORA_PREFIX_TEXT_ENCODER_T5)
/// </code>
/// The qkv and linear1 modules are kept fused. sd-scripts' <c>split_qkv</c> files store them fused too: the per-split
/// downs concatenated along the rank and the ups block-diagonal, so up·down is already the fused update, and its
/// rank is the concatenated one (sd-scripts' <c>create_network_from_weights</c> and diffusers'
/// <c>_convert_to_ai_toolkit_cat</c> both scale by alpha / down.shape[0]). Module names are resolved against the
/// model's own Linears (underscores are ambiguous otherwise), so any depth and the embedders work.
/// </summary>
public static class KohyaLoraFormat
{
    private static readonly (string Prefix, LoraComponent Component)[] Prefixes =
    [
        ("lora_unet_", LoraComponent.Transformer),
        ("lora_te1_", LoraComponent.Clip),
        ("lora_te_", LoraComponent.Clip),
        ("lora_te2_", LoraComponent.T5),
    ];

    public static void Map(LoraMappingBuilder b, IEnumerable<string> keys)
    {
        var stems = new Dictionary<string, (LoraComponent, string)>(StringComparer.Ordinal);
        foreach (var (prefix, component) in Prefixes)
        {
            foreach (var module in b.Targets.LinearModules(component))
            {
                stems.TryAdd(prefix + module.Replace('.', '_'), (component, module));
            }
        }
        foreach (var key in keys)
        {
            const string down = ".lora_down.weight";
            if (!key.EndsWith(down, StringComparison.Ordinal))
            {
                continue;
            }
            var stem = key[..^down.Length];
            if (stems.TryGetValue(stem, out var target))
            {
                b.AddPair(target.Item1, target.Item2, key, stem + ".lora_up.weight", stem + ".alpha", null);
            }
        }
    }
}
