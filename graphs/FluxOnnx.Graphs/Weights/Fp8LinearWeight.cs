using FluxOnnx.Graphs.Tensors;

namespace FluxOnnx.Graphs.Weights;

/// <summary>An fp8 Linear weight: W ≈ float(Payload) · Scale, per row.</summary>
/// <param name="Payload">FLOAT8E4M3FN [out, in], torch's layout.</param>
/// <param name="Scale">FLOAT [out], one scale per output channel.</param>
/// <param name="ReusedCheckpointPayload">True when the payload bytes are the checkpoint's own (no requantization).</param>
public sealed record Fp8LinearWeight(ITensorSource Payload, ITensorSource Scale, bool ReusedCheckpointPayload);
