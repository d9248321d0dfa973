using System.Numerics.Tensors;

namespace FluxOnnx.Sampling;

/// <summary>
/// BFL's rectified-flow Euler step (black-forest-labs/flux <c>src/flux/sampling.py</c> <c>denoise</c>):
/// <c>img = img + (t_prev − t_curr) · pred</c>, where the model's output is the velocity.
/// </summary>
/// <remarks>
/// The difference is formed in double from the two Python floats, then torch applies it to the float32 tensor as a
/// float32 scalar: x ← fl(x + fl(fl32(tNext − t) · v)). Two roundings, never fused; this matches the fixtures bit-exactly.
/// </remarks>
public sealed class EulerFlowSampler : ISampler
{
    /// <summary>Shared stateless instance.</summary>
    public static EulerFlowSampler Instance { get; } = new();

    /// <inheritdoc />
    public void Step(Span<float> latent, ReadOnlySpan<float> prediction, double t, double tNext)
    {
        if (latent.Length != prediction.Length)
        {
            throw new ArgumentException(
                $"prediction has {prediction.Length} elements but the latent has {latent.Length}.", nameof(prediction));
        }
        var dt = (float)(tNext - t);
        // MultiplyAdd is specified as (x * y) + addend without fusing, i.e. the same two roundings as the scalar formula.
        TensorPrimitives.MultiplyAdd(prediction, dt, latent, latent);
    }
}
