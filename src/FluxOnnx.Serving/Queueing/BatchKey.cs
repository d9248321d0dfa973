namespace FluxOnnx.Serving.Queueing;

/// <summary>What text-to-image jobs must share to run in one transformer batch (the model is implied by the queue).</summary>
internal readonly record struct BatchKey(int Width, int Height, int Steps, float? Guidance);
