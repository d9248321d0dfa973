using FluxOnnx.Lora;

namespace FluxOnnx.Converter.Lora;

/// <summary>
/// BFL's control LoRAs (FLUX.1 Canny/Depth [dev] LoRA), saved from BFL's <c>flux/modules/lora.py</c>
/// <c>LinearLora</c> modules over the whole transformer: BFL names, <c>.lora_A.weight</c> [rank, in],
/// <c>.lora_B.weight</c> [out, rank], usually <c>.lora_B.bias</c> [out] (LinearLora adds
/// scale · (B(A x) + b_B)), no alpha (scale 1), and full tensors loaded over the model as they are: the
/// QK-norm scales and the widened <c>img_in.weight</c> / <c>img_in.bias</c> (in = 64 latent + 64 control channels).
/// Full tensors replace the base first; the low-rank update then applies on top (img_in has both). Key layout
/// as read by diffusers' <c>_convert_bfl_flux_control_lora_to_diffusers</c>.
/// </summary>
public static class BflControlLoraFormat
{
    public static void Map(LoraMappingBuilder b, IEnumerable<string> keys)
    {
        var all = keys.ToList();
        foreach (var key in all.Where(k => !k.Contains(".lora_A.", StringComparison.Ordinal) && !k.Contains(".lora_B.", StringComparison.Ordinal)))
        {
            b.AddFull(LoraComponent.Transformer, key, key);
        }
        foreach (var key in all)
        {
            const string down = ".lora_A.weight";
            if (key.EndsWith(down, StringComparison.Ordinal))
            {
                var stem = key[..^down.Length];
                b.AddPair(LoraComponent.Transformer, stem, key, stem + ".lora_B.weight", null, stem + ".lora_B.bias");
            }
        }
    }
}
