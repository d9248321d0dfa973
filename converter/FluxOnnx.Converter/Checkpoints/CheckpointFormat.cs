namespace FluxOnnx.Converter.Checkpoints;

/// <summary>
/// Where a component's checkpoint came from, as recorded in the package manifest
/// (<see cref="CheckpointFormatNames.ManifestName"/>). The key layout inside is <see cref="KeyLayout"/>.
/// </summary>
public enum CheckpointFormat
{
    /// <summary>Black Forest Labs single files (<c>flux1-dev.safetensors</c>, <c>ae.safetensors</c>), names as in the reference module.</summary>
    Bfl,

    /// <summary>A diffusers folder (<c>model_index.json</c> pipeline or one <c>transformer/</c> / <c>vae/</c> model folder).</summary>
    Diffusers,

    /// <summary>ComfyUI single files: prefixed all-in-one checkpoints, <c>clip_l.safetensors</c>, <c>t5xxl_fp16.safetensors</c>.</summary>
    ComfyUi,

    /// <summary>ComfyUI files whose weights are fp8 with per-layer scales (legacy <c>scaled_fp8</c> or <c>comfy_quant</c>).</summary>
    ComfyUiFp8Scaled,

    /// <summary>A Hugging Face transformers model folder (<c>T5EncoderModel</c>, <c>CLIPTextModel</c>).</summary>
    Hf,
}
