using System.Globalization;
using FluxOnnx.Lora;

namespace FluxOnnx.Converter.Lora;

/// <summary>
/// XLabs-AI x-flux LoRAs (attention processors with their own LoRA layers), keys as in diffusers'
/// <c>_convert_xlabs_flux_lora_to_diffusers</c>, optionally behind <c>diffusion_model.</c>; <c>.down.weight</c> [rank, in],
/// <c>.up.weight</c> [out, rank], no alpha stored (scale 1):
/// <code>
///   double_blocks.i.processor.qkv_lora1   → double_blocks.i.img_attn.qkv (fused q|k|v rows, as XLabs trains it)
///   double_blocks.i.processor.qkv_lora2   → double_blocks.i.txt_attn.qkv
///   double_blocks.i.processor.proj_lora1  → double_blocks.i.img_attn.proj
///   double_blocks.i.processor.proj_lora2  → double_blocks.i.txt_attn.proj
///   single_blocks.i.processor.qkv_lora    → single_blocks.i.linear1 rows [0, 3h) (q|k|v, not the mlp rows)
///   single_blocks.i.processor.proj_lora   → single_blocks.i.linear2
/// </code>
/// </summary>
public static class XLabsLoraFormat
{
    public static void Map(LoraMappingBuilder b, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            const string down = ".down.weight";
            if (!key.EndsWith(down, StringComparison.Ordinal))
            {
                continue;
            }
            var stem = key[..^down.Length];
            var name = stem.StartsWith("diffusion_model.", StringComparison.Ordinal) ? stem["diffusion_model.".Length..] : stem;
            var p = name.Split('.');
            if (p.Length != 4 || p[2] != "processor" || !int.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }
            var block = p[0] + "." + p[1] + ".";
            (string Target, Func<long, long, (long, long, long, long)>? Rows)? target = (p[0], p[3]) switch
            {
                ("double_blocks", "qkv_lora1") => (block + "img_attn.qkv", null),
                ("double_blocks", "qkv_lora2") => (block + "txt_attn.qkv", null),
                ("double_blocks", "proj_lora1") => (block + "img_attn.proj", null),
                ("double_blocks", "proj_lora2") => (block + "txt_attn.proj", null),
                ("single_blocks", "qkv_lora") => (block + "linear1", (_, i) => (0, 3 * i, 3 * i, 0)),
                ("single_blocks", "proj_lora") => (block + "linear2", null),
                _ => null,
            };
            if (target is { } t)
            {
                b.AddPair(LoraComponent.Transformer, t.Target, key, stem + ".up.weight", stem + ".alpha", null, t.Rows);
            }
        }
    }
}
