using FluxOnnx.Lora;

namespace FluxOnnx.Converter.Lora;

/// <summary>
/// LoRAs in BFL's own module names as ComfyUI saves and loads them (<c>comfy/lora.py</c> key map): the transformer
/// behind <c>diffusion_model.</c>, CLIP behind <c>text_encoders.clip_l.transformer.</c>, T5 behind
/// <c>text_encoders.t5xxl.transformer.</c> (HF names after the prefix), each module with
/// <c>.lora_down.weight</c> / <c>.lora_up.weight</c> (or <c>.lora_A.weight</c> / <c>.lora_B.weight</c>) and an
/// optional <c>.alpha</c> (alpha / rank; none = scale 1). Fused qkv and linear1 stay fused, as BFL has them.
/// </summary>
public static class BflLoraFormat
{
    private static readonly (string Prefix, LoraComponent Component)[] Prefixes =
    [
        ("diffusion_model.", LoraComponent.Transformer),
        ("text_encoders.clip_l.transformer.", LoraComponent.Clip),
        ("text_encoders.t5xxl.transformer.", LoraComponent.T5),
    ];

    private static readonly (string Down, string Up)[] PairSuffixes = [(".lora_down.weight", ".lora_up.weight"), (".lora_A.weight", ".lora_B.weight")];

    public static void Map(LoraMappingBuilder b, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            foreach (var (prefix, component) in Prefixes)
            {
                if (!key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }
                foreach (var (down, up) in PairSuffixes)
                {
                    if (key.EndsWith(down, StringComparison.Ordinal))
                    {
                        var stem = key[..^down.Length];
                        b.AddPair(component, stem[prefix.Length..], key, stem + up, stem + ".alpha", null);
                    }
                }
            }
        }
    }
}
