using FluxOnnx.Lora;

namespace FluxOnnx.Converter.Lora;

/// <summary>
/// A whole tensor of a LoRA file that replaces a reference weight (BFL control LoRAs: norm scales, the widened
/// <c>img_in</c>), as BFL's loader does by loading the LoRA state dict over the model. Its shape may differ from
/// the base weight's only for <c>img_in.weight</c>'s input columns (the control channels).
/// </summary>
/// <param name="Component">Model of the target.</param>
/// <param name="Target">Reference tensor name, e.g. <c>double_blocks.0.img_attn.norm.query_norm.scale</c>.</param>
/// <param name="Key">The file's tensor.</param>
public sealed record LoraFullTensor(LoraComponent Component, string Target, string Key);
