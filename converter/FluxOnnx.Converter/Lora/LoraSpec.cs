namespace FluxOnnx.Converter.Lora;

/// <summary>One LoRA file of a request and the strength to apply it with (1 = as trained, 0 = no effect).</summary>
/// <param name="Path">The LoRA <c>.safetensors</c> file.</param>
/// <param name="Strength">Multiplier of the file's update.</param>
public sealed record LoraSpec(string Path, double Strength = 1.0);
