namespace FluxOnnx.Pipeline;

/// <summary>
/// One text-to-image call of <see cref="FluxPipeline.Generate"/>. Members left null take the package manifest's
/// <see cref="Packaging.SamplingDefaults"/>. Checked by the pipeline before any model runs; a bad member throws
/// <see cref="InvalidGenerateRequestException"/> whose <c>ParamName</c> is the member name.
/// </summary>
/// <remarks>
/// <para><b>Seeds and batches.</b> Noise follows BFL's <c>get_noise</c>: one <c>torch.Generator</c> per seed. With one
/// seed and <see cref="Batch"/> B, one generator draws the whole [B, 16, h, w] tensor, exactly as
/// <c>get_noise(B, H, W, seed)</c> (item b is then <i>not</i> the image a single run with that seed gives). With B
/// seeds, each item's noise is drawn by its own generator, so item b is bit-identical to a single-image run with
/// <c>Seeds[b]</c> (what the BFL CLI does when it loops over images).</para>
/// <para><b>Guidance.</b> Guidance-distilled packages (dev and the other variants with a <c>guidance</c> transformer
/// input) use <see cref="Guidance"/> or the manifest default. A package whose transformer has no <c>guidance</c> input
/// (schnell) refuses a non-null <see cref="Guidance"/> rather than silently ignoring it.</para>
/// </remarks>
public sealed record GenerateRequest
{
    /// <summary>The prompt of every batch item (one entry, shared) or of each item (<see cref="Batch"/> entries).</summary>
    public required IReadOnlyList<string> Prompts { get; init; }

    /// <summary>Seeds: one (a single generator for the whole batch) or one per batch item. See the remarks.</summary>
    public required IReadOnlyList<ulong> Seeds { get; init; }

    /// <summary>Image width in pixels, a positive multiple of 16; null for the manifest default.</summary>
    public int? Width { get; init; }

    /// <summary>Image height in pixels, a positive multiple of 16; null for the manifest default.</summary>
    public int? Height { get; init; }

    /// <summary>Denoising steps, at least 1; null for the manifest default (schnell 4, dev 50).</summary>
    public int? Steps { get; init; }

    /// <summary>
    /// Guidance scale for guidance-distilled transformers (the raw scale, e.g. 3.5; the model multiplies by 1000);
    /// null for the manifest default. Must be null for a transformer without a <c>guidance</c> input.
    /// </summary>
    public float? Guidance { get; init; }

    /// <summary>Number of images, at least 1. All go through the transformer together as one batch.</summary>
    public int Batch { get; init; } = 1;

    /// <summary>
    /// Token ids to use instead of tokenizing <see cref="Prompts"/> (one entry shared, or one per item). The prompts
    /// are then only recorded in the results' parameters. Null (default) tokenizes the prompts with the package's
    /// tokenizers.
    /// </summary>
    public IReadOnlyList<PromptTokens>? Tokens { get; init; }

    /// <summary>A single image of <paramref name="prompt"/> with <paramref name="seed"/>; everything else from the manifest.</summary>
    public static GenerateRequest For(string prompt, ulong seed) => new() { Prompts = [prompt], Seeds = [seed] };
}
