namespace FluxOnnx.Serving;

/// <summary>What a loaded model is, as the service reports it (from the package manifest).</summary>
/// <param name="Name">The model name requests use.</param>
/// <param name="Variant">The FLUX variant: schnell, dev, fill, canny, depth or kontext.</param>
/// <param name="Precision">fp32, fp16, bf16, fp8, int8 or int4.</param>
/// <param name="DefaultWidth">Width when a text-to-image request gives no size.</param>
/// <param name="DefaultHeight">Height when a text-to-image request gives no size.</param>
/// <param name="DefaultSteps">Steps when a request gives none.</param>
/// <param name="AcceptsGuidance">Whether the transformer takes a guidance input (dev and its relatives).</param>
/// <param name="Provider">The execution provider the sessions run on (cpu, cuda, tensorrt, directml).</param>
/// <param name="LoadedAt">When the model finished loading.</param>
/// <param name="PixelMultiple">The multiple every image side must be: the transformer's 2×2 patch times the autoencoder's
/// downsample from the manifest's latent space (16 for FLUX.1).</param>
public sealed record ServedModel(
    string Name,
    Variant Variant,
    Precision Precision,
    int DefaultWidth,
    int DefaultHeight,
    int DefaultSteps,
    bool AcceptsGuidance,
    string Provider,
    DateTimeOffset LoadedAt,
    int PixelMultiple)
{
    /// <summary>Whether text-to-image works without an input image (schnell, dev); the others need <c>/edits</c> inputs.</summary>
    public bool TextToImage => Variant is Variant.Schnell or Variant.Dev;

    /// <summary>Rank of the package's run-time LoRA slots; 0 when it has none (requests with <c>lora</c> are refused).</summary>
    public int LoraSlotRank { get; init; }

    /// <summary>Registered LoRAs this model can bind (those that fit its slots), by name.</summary>
    public IReadOnlyList<string> Loras { get; init; } = [];
}
