namespace FluxOnnx.Tools.Comparison;

/// <summary>
/// Names of the tensors <see cref="PackageComparer"/> compares, in pipeline order; they are also the keys of the
/// JSON report's <c>components</c> object. Every value is what the package produced end to end from the same token
/// ids and noise, so a difference in an early component shows up again (propagated) in the later ones.
/// </summary>
public static class ComparedTensors
{
    /// <summary>T5 <c>text_embeddings</c> (the transformer's <c>txt</c>), [L, D] per case.</summary>
    public const string T5States = "t5_states";

    /// <summary>CLIP <c>pooled_embeddings</c> (the transformer's <c>vec</c>), [P] per case.</summary>
    public const string ClipPooled = "clip_pooled";

    /// <summary>The transformer's velocity prediction at the first step (identical input latent: the seeded noise).</summary>
    public const string TransformerFirstStep = "transformer_first_step";

    /// <summary>The transformer's predictions of every step, concatenated.</summary>
    public const string TransformerAllSteps = "transformer_all_steps";

    /// <summary>The packed latent after the last step.</summary>
    public const string FinalLatent = "final_latent";

    /// <summary>The VAE decoder's float output [3, H, W] in about [−1, 1], before clamping.</summary>
    public const string VaeDecoded = "vae_decoded";

    /// <summary>Name of one step's prediction errors.</summary>
    public static string TransformerStep(int index) => "transformer_step_" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every aggregated tensor, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = [T5States, ClipPooled, TransformerFirstStep, TransformerAllSteps, FinalLatent, VaeDecoded];
}
