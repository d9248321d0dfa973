using FluxOnnx.Imaging;

namespace FluxOnnx.Serving.Queueing;

/// <summary>
/// An <see cref="Jobs.ImageJobRequest"/> checked against the limits and the model, images decoded, seeds drawn.
/// <see cref="Key"/> is set for text-to-image jobs (which may be batched together), null for image-conditioned ones.
/// <see cref="Loras"/> are the request's LoRAs as the model's slots take them (null = none).
/// </summary>
internal sealed record PreparedRequest(
    string Model,
    string Prompt,
    ulong[] Seeds,
    int? Width,
    int? Height,
    int Steps,
    float? Guidance,
    PixelImage? Image,
    PixelImage? Mask,
    PixelImage? Control,
    double? Strength,
    ImageOutputFormat Output,
    bool Preview,
    BatchKey? Key,
    IReadOnlyList<Lora.LowRankAdapter>? Loras = null);
