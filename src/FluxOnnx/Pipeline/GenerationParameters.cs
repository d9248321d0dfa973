namespace FluxOnnx.Pipeline;

/// <summary>Everything needed to reproduce one generated image, as resolved by the pipeline (defaults filled in).</summary>
/// <param name="Prompt">The prompt text of this image.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Steps">Denoising steps.</param>
/// <param name="Guidance">Guidance scale fed to the transformer, or null when it has no guidance input.</param>
/// <param name="Seed">The seed whose generator drew this image's noise.</param>
/// <param name="BatchIndex">Position of this image in its batch (0-based).</param>
/// <param name="BatchSize">Number of images generated together.</param>
/// <param name="SharedGenerator">True when one generator drew the noise of the whole batch (one seed for a batch of
/// more than one): reproducing the image then needs the same <see cref="BatchIndex"/> and <see cref="BatchSize"/>.</param>
/// <param name="Variant">The package's FLUX variant (schnell, dev, ...).</param>
/// <param name="Precision">The package's precision (fp32, fp16, ...).</param>
/// <param name="Provider">The execution provider the sessions preferred (cpu, cuda, ...).</param>
public sealed record GenerationParameters(
    string Prompt,
    int Width,
    int Height,
    int Steps,
    float? Guidance,
    ulong Seed,
    int BatchIndex,
    int BatchSize,
    bool SharedGenerator,
    Variant Variant,
    Precision Precision,
    string Provider)
{
    /// <summary>The LoRAs bound to the package's run-time slots (<see cref="GenerateRequest.Loras"/>), in order; empty for none.</summary>
    public IReadOnlyList<GenerationLora> Loras { get; init; } = [];
}
