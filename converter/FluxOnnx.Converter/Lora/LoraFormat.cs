namespace FluxOnnx.Converter.Lora;

/// <summary>The key layouts of FLUX LoRA files, detected from the keys (<see cref="LoraFormatDetector"/>); one recipe file each.</summary>
public enum LoraFormat
{
    /// <summary>kohya-ss/sd-scripts <c>networks/lora_flux.py</c>: <c>lora_unet_double_blocks_0_img_attn_qkv.lora_down.weight</c> + <c>.alpha</c>.</summary>
    Kohya,

    /// <summary>diffusers / PEFT / AI-Toolkit: <c>transformer.transformer_blocks.0.attn.to_q.lora_A.weight</c>, alpha absent = scale 1.</summary>
    Diffusers,

    /// <summary>XLabs-AI x-flux: <c>double_blocks.0.processor.qkv_lora1.down.weight</c>.</summary>
    XLabs,

    /// <summary>BFL module names as ComfyUI saves them: <c>diffusion_model.double_blocks.0.img_attn.qkv.lora_up.weight</c>.</summary>
    Bfl,

    /// <summary>BFL's control LoRAs (flux1-canny/depth-dev-lora): BFL names with <c>lora_A</c>/<c>lora_B</c> plus full tensors.</summary>
    BflControl,
}
