namespace FluxOnnx.Tools.Benchmarking;

/// <summary>Wall times of one generate call, in milliseconds.</summary>
/// <param name="TextEncodeMs">From the call to the inputs being ready: tokenization, CLIP and T5, noise, ids and schedule
/// (the encoders dominate; the rest is well under a millisecond at these sizes).</param>
/// <param name="StepMs">Each denoising step: one transformer run plus the Euler update.</param>
/// <param name="DecodeMs">From the last step to the decoded pixels: unpack and the VAE decoder.</param>
/// <param name="TotalMs">The whole call, including the conversion to 8-bit pixels.</param>
public sealed record RunTiming(double TextEncodeMs, IReadOnlyList<double> StepMs, double DecodeMs, double TotalMs);
