namespace FluxOnnx.Serving;

/// <summary>
/// What one request may ask for; anything beyond is refused with <see cref="Errors.InvalidImageRequestException"/>
/// before it is queued. Defaults suit a FLUX.1 server (about 1–2 megapixels per image).
/// </summary>
public sealed record ServingLimits
{
    /// <summary>Largest output width × height: 2^21 pixels (e.g. 2048 × 1024, 1448 × 1448).</summary>
    public long MaxPixels { get; init; } = 1L << 21;

    /// <summary>Most denoising steps a request may ask for.</summary>
    public int MaxSteps { get; init; } = 100;

    /// <summary>Most images (<c>n</c>) per request.</summary>
    public int MaxImages { get; init; } = 4;

    /// <summary>Longest prompt, in UTF-16 code units (the encoders truncate long prompts to their token length anyway).</summary>
    public int MaxPromptLength { get; init; } = 4000;

    /// <summary>Largest uploaded image (each of image, mask, control), in bytes: 16 MiB.</summary>
    public long MaxUploadBytes { get; init; } = 16L << 20;

    /// <summary>Largest uploaded image's width × height, read from its header before decoding: 2^24 (4096 × 4096).</summary>
    public long MaxInputPixels { get; init; } = 1L << 24;
}
