namespace FluxOnnx.Converter.Lora;

/// <summary>An opened LoRA file with the strength a request applies it at.</summary>
public sealed record AppliedLora(LoraFile File, double Strength);
