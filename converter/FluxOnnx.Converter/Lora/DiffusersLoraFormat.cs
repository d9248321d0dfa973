using System.Globalization;
using FluxOnnx.Lora;

namespace FluxOnnx.Converter.Lora;

/// <summary>
/// diffusers / PEFT / AI-Toolkit FLUX LoRAs: diffusers module names (<c>FluxTransformer2DModel</c>) behind
/// <c>transformer.</c> (or <c>base_model.model.</c>, or none), <c>text_encoder.</c> (CLIP) and <c>text_encoder_2.</c>
/// (T5), then <c>.lora_A.weight</c> [rank, in] / <c>.lora_B.weight</c> [out, rank] (older diffusers:
/// <c>.lora.down.weight</c> / <c>.lora.up.weight</c>); an optional <c>.alpha</c> gives alpha / rank, none = scale 1.
/// The diffusers → BFL names are the inverse of diffusers' <c>convert_flux_transformer_checkpoint_to_diffusers</c>
/// (and of <c>_convert_bfl_flux_control_lora_to_diffusers</c>):
/// <code>
///   transformer_blocks.i.attn.to_q | to_k | to_v          → double_blocks.i.img_attn.qkv rows [0,h) | [h,2h) | [2h,3h)
///   transformer_blocks.i.attn.add_q_proj | add_k | add_v  → double_blocks.i.txt_attn.qkv rows likewise
///   single_transformer_blocks.i.attn.to_q | to_k | to_v   → single_blocks.i.linear1 rows [0,h) | [h,2h) | [2h,3h)
///   single_transformer_blocks.i.proj_mlp                  → single_blocks.i.linear1 rows [3h, 3h + mlp)
///   norm_out.linear                                        → final_layer.adaLN_modulation.1, halves swapped
///                                                            (diffusers stores scale|shift, BFL shift|scale)
/// </code>
/// h is the target's input width (the hidden size).
/// </summary>
public static class DiffusersLoraFormat
{
    private static readonly (string Diffusers, string Bfl)[] DoubleModules =
    [
        ("attn.to_out.0", "img_attn.proj"), ("attn.to_add_out", "txt_attn.proj"),
        ("ff.net.0.proj", "img_mlp.0"), ("ff.net.2", "img_mlp.2"),
        ("ff_context.net.0.proj", "txt_mlp.0"), ("ff_context.net.2", "txt_mlp.2"),
        ("norm1.linear", "img_mod.lin"), ("norm1_context.linear", "txt_mod.lin"),
    ];

    private static readonly (string Diffusers, string Bfl)[] SingleModules =
    [
        ("proj_out", "linear2"), ("norm.linear", "modulation.lin"),
    ];

    private static readonly (string Diffusers, string Bfl)[] GlobalModules =
    [
        ("x_embedder", "img_in"), ("context_embedder", "txt_in"),
        ("time_text_embed.timestep_embedder.linear_1", "time_in.in_layer"), ("time_text_embed.timestep_embedder.linear_2", "time_in.out_layer"),
        ("time_text_embed.text_embedder.linear_1", "vector_in.in_layer"), ("time_text_embed.text_embedder.linear_2", "vector_in.out_layer"),
        ("time_text_embed.guidance_embedder.linear_1", "guidance_in.in_layer"), ("time_text_embed.guidance_embedder.linear_2", "guidance_in.out_layer"),
        ("proj_out", "final_layer.linear"),
    ];

    private static readonly (string Prefix, LoraComponent Component)[] Prefixes =
    [
        ("transformer.", LoraComponent.Transformer),
        ("base_model.model.", LoraComponent.Transformer),
        ("text_encoder.", LoraComponent.Clip),
        ("text_encoder_2.", LoraComponent.T5),
    ];

    private static readonly (string Down, string Up)[] PairSuffixes = [(".lora_A.weight", ".lora_B.weight"), (".lora.down.weight", ".lora.up.weight")];

    public static void Map(LoraMappingBuilder b, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            foreach (var (downSuffix, upSuffix) in PairSuffixes)
            {
                if (!key.EndsWith(downSuffix, StringComparison.Ordinal))
                {
                    continue;
                }
                var stem = key[..^downSuffix.Length];
                var (component, module) = Split(stem);
                var up = stem + upSuffix;
                var alpha = stem + ".alpha";
                var bias = stem + upSuffix[..^".weight".Length] + ".bias";
                if (component != LoraComponent.Transformer)
                {
                    b.AddPair(component, module, key, up, alpha, bias);
                    continue;
                }
                foreach (var (target, rows) in Transformer(module))
                {
                    b.AddPair(component, target, key, up, alpha, bias, rows);
                }
            }
        }
    }

    private static (LoraComponent, string) Split(string stem)
    {
        foreach (var (prefix, component) in Prefixes)
        {
            if (stem.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (component, stem[prefix.Length..]);
            }
        }
        return (LoraComponent.Transformer, stem); // PEFT files saved without a prefix
    }

    /// <summary>The BFL target(s) of a diffusers transformer module with their row rules (null = all rows).</summary>
    private static IEnumerable<(string Target, Func<long, long, (long, long, long, long)>? Rows)> Transformer(string module)
    {
        var parts = module.Split('.', 3);
        if (parts.Length == 3 && parts[0] is "transformer_blocks" or "single_transformer_blocks"
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            var single = parts[0] == "single_transformer_blocks";
            var block = (single ? "single_blocks." : "double_blocks.") + index.ToString(CultureInfo.InvariantCulture) + ".";
            var rest = parts[2];
            var qkv = single ? "linear1" : "img_attn.qkv";
            switch (rest)
            {
                case "attn.to_q": yield return (block + qkv, Slice(0)); yield break;
                case "attn.to_k": yield return (block + qkv, Slice(1)); yield break;
                case "attn.to_v": yield return (block + qkv, Slice(2)); yield break;
            }
            if (!single)
            {
                switch (rest)
                {
                    case "attn.add_q_proj": yield return (block + "txt_attn.qkv", Slice(0)); yield break;
                    case "attn.add_k_proj": yield return (block + "txt_attn.qkv", Slice(1)); yield break;
                    case "attn.add_v_proj": yield return (block + "txt_attn.qkv", Slice(2)); yield break;
                }
            }
            else if (rest == "proj_mlp")
            {
                // linear1 rows after q|k|v: [3h, out).
                yield return (block + "linear1", (o, i) => (3 * i, o - 3 * i, o - 3 * i, 0));
                yield break;
            }
            foreach (var (d, bfl) in single ? SingleModules : DoubleModules)
            {
                if (rest == d)
                {
                    yield return (block + bfl, null);
                }
            }
            yield break;
        }
        if (module == "norm_out.linear")
        {
            // diffusers [scale | shift] → BFL [shift | scale]: up rows [0, o/2) land on rows [o/2, o) and back.
            yield return ("final_layer.adaLN_modulation.1", (o, _) => (o / 2, o / 2, o, 0));
            yield return ("final_layer.adaLN_modulation.1", (o, _) => (0, o / 2, o, o / 2));
            yield break;
        }
        foreach (var (d, bfl) in GlobalModules)
        {
            if (module == d)
            {
                yield return (bfl, null);
            }
        }
    }

    /// <summary>Part <paramref name="part"/> of three equal row blocks of height h = in (q, k, v of a fused projection).</summary>
    private static Func<long, long, (long, long, long, long)> Slice(int part) => (_, i) => (part * i, i, i, 0);
}
