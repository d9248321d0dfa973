namespace FluxOnnx.Sampling;

/// <summary>
/// Produces the sigma sequence a sampler walks: N + 1 values from 1 (pure noise) down to 0, the model being evaluated at
/// the first N. Sigmas stay in [0, 1] (the FLUX model multiplies by 1000 itself); they are never rounded to integers.
/// </summary>
public interface IScheduler
{
    /// <summary>N + 1 timesteps for <paramref name="numSteps"/> steps over an image of <paramref name="imageSeqLen"/> packed tokens.</summary>
    float[] GetTimesteps(int numSteps, int imageSeqLen);
}
