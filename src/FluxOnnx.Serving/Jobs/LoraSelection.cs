namespace FluxOnnx.Serving.Jobs;

/// <summary>One LoRA of a request: a <see cref="ServedLora.Name"/> the operator registered, and its strength (1 = as trained, 0 = no effect).</summary>
public sealed record LoraSelection(string Name, double Strength = 1.0);
