namespace FluxOnnx.Sampling;

/// <summary>
/// Advances the latent by one step given the model's prediction at sigma <c>t</c>. Sigmas are passed as doubles holding
/// the schedule's float32 values, the way the reference's Python floats hold them.
/// </summary>
public interface ISampler
{
    /// <summary>
    /// Updates <paramref name="latent"/> in place from sigma <paramref name="t"/> to <paramref name="tNext"/> using
    /// <paramref name="prediction"/> (same length and layout, e.g. packed [B, S_img, 64]).
    /// </summary>
    void Step(Span<float> latent, ReadOnlySpan<float> prediction, double t, double tNext);
}
