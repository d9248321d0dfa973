namespace FluxOnnx.Converter.Lora;

/// <summary>
/// Tells a LoRA file's layout from its keys alone (the way diffusers' <c>lora_conversion_utils.py</c> and ComfyUI
/// tell them apart), most specific first:
/// <code>
///   lora_unet_* / lora_te*_*                              kohya (sd-scripts)
///   *.processor.{qkv,proj}_lora*                          XLabs
///   transformer.* / text_encoder*.* / diffusers modules   diffusers, PEFT, AI-Toolkit (lora_A / lora_B)
///   diffusion_model.* / text_encoders.*                   BFL names as ComfyUI saves them
///   double_blocks.* ... with lora_A / lora_B              BFL control LoRA
/// </code>
/// </summary>
public static class LoraFormatDetector
{
    private static readonly string[] BflRoots = ["double_blocks.", "single_blocks.", "img_in.", "txt_in.", "time_in.", "vector_in.", "guidance_in.", "final_layer."];
    private static readonly string[] DiffusersRoots = ["transformer_blocks.", "single_transformer_blocks.", "x_embedder.", "context_embedder.", "time_text_embed.", "norm_out.", "proj_out."];

    /// <summary>The format, or null when no rule fits.</summary>
    public static LoraFormat? Detect(IReadOnlyCollection<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return null;
        }
        if (keys.Any(k => k.StartsWith("lora_unet_", StringComparison.Ordinal) || k.StartsWith("lora_te", StringComparison.Ordinal)))
        {
            return LoraFormat.Kohya;
        }
        if (keys.Any(k => k.Contains(".processor.", StringComparison.Ordinal) && k.Contains("_lora", StringComparison.Ordinal)))
        {
            return LoraFormat.XLabs;
        }
        if (keys.Any(k => k.StartsWith("transformer.", StringComparison.Ordinal) || k.StartsWith("text_encoder.", StringComparison.Ordinal)
                || k.StartsWith("text_encoder_2.", StringComparison.Ordinal) || k.StartsWith("base_model.model.", StringComparison.Ordinal)
                || DiffusersRoots.Any(r => k.StartsWith(r, StringComparison.Ordinal))))
        {
            return LoraFormat.Diffusers;
        }
        if (keys.Any(k => k.StartsWith("diffusion_model.", StringComparison.Ordinal) || k.StartsWith("text_encoders.", StringComparison.Ordinal)))
        {
            return LoraFormat.Bfl;
        }
        if (keys.Any(k => BflRoots.Any(r => k.StartsWith(r, StringComparison.Ordinal)) && (k.Contains(".lora_A.", StringComparison.Ordinal) || k.Contains(".lora_B.", StringComparison.Ordinal))))
        {
            return LoraFormat.BflControl;
        }
        return null;
    }
}
