namespace FluxOnnx.Pipeline;

/// <summary>
/// Optional window onto a <see cref="FluxPipeline.Generate"/> call's intermediate tensors, for golden tests and
/// debugging (compare with the fixtures' <c>img</c>, <c>txt</c>, <c>vec</c>, <c>pred.step_i</c>, <c>latent.step_i</c>,
/// <c>decoded</c>). Called synchronously on the generating thread; every span is valid only during its call. Every
/// method has an empty default, so implement only what you need. Throwing aborts the call.
/// </summary>
public interface IPipelineObserver
{
    /// <summary>After noise, text conditioning, ids and schedule are ready, before the first step.</summary>
    void OnPrepared(in PreparedInputsView inputs)
    {
    }

    /// <summary>After each Euler step.</summary>
    void OnStep(in DenoiseStepView step)
    {
    }

    /// <summary>
    /// After the VAE decoder: <paramref name="images"/> is [<paramref name="batch"/>, 3, <paramref name="height"/>,
    /// <paramref name="width"/>] float32 in about [−1, 1], before clamping (the fixtures' <c>decoded</c>).
    /// </summary>
    void OnDecoded(ReadOnlySpan<float> images, int batch, int height, int width)
    {
    }
}
