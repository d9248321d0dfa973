namespace FluxOnnx.Serving.Queueing;

/// <summary>What text-to-image jobs must share to run in one transformer batch (the model is implied by the queue):
/// size, steps, guidance, and the LoRAs bound to the slots (<see cref="ModelLoras.Key"/>).</summary>
internal readonly record struct BatchKey(int Width, int Height, int Steps, float? Guidance, string Loras);
