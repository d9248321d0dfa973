namespace FluxOnnx.Pipeline;

/// <summary>
/// One finished Euler step, lent to <see cref="IPipelineObserver.OnStep"/>: the velocity the transformer predicted at
/// <see cref="T"/> and the packed latent after <c>x ← x + (t_next − t)·v</c> (BFL <c>denoise</c>'s <c>pred</c> and
/// <c>img</c>). Spans point into the loop's buffers and are valid only during that call.
/// </summary>
public readonly ref struct DenoiseStepView
{
    internal DenoiseStepView(int index, int count, float t, float tNext, ReadOnlySpan<float> prediction, ReadOnlySpan<float> latent)
    {
        Index = index;
        Count = count;
        T = t;
        TNext = tNext;
        Prediction = prediction;
        Latent = latent;
    }

    /// <summary>0-based step index (the fixtures' <c>step_i</c>).</summary>
    public int Index { get; }

    /// <summary>Number of steps of the call.</summary>
    public int Count { get; }

    /// <summary>Sigma the transformer was evaluated at (timesteps[Index]).</summary>
    public float T { get; }

    /// <summary>Sigma after the step (timesteps[Index + 1]).</summary>
    public float TNext { get; }

    /// <summary>Transformer output (velocity) [B, S_img, 64].</summary>
    public ReadOnlySpan<float> Prediction { get; }

    /// <summary>Packed latent after this step [B, S_img, 64].</summary>
    public ReadOnlySpan<float> Latent { get; }
}
