namespace FluxOnnx.Pipeline;

/// <summary>A LoRA bound to the run-time slots for a generated image: its name (file name, or the server's registered name) and strength.</summary>
public sealed record GenerationLora(string Name, double Strength);
