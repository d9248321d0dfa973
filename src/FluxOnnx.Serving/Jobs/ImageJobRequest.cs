using FluxOnnx.Imaging;

namespace FluxOnnx.Serving.Jobs;

/// <summary>
/// One image request, shaped like the OpenAI images API (generations and edits) plus FluxOnnx's sampling fields.
/// Null members take the model's defaults. Input images are bytes (PNG, JPEG or WebP), never file names: the
/// service reads nothing a request names. Errors name the OpenAI field (<c>size</c> for <see cref="Width"/> /
/// <see cref="Height"/>).
/// </summary>
/// <remarks>
/// Images of one request use seeds <c>Seed</c>, <c>Seed + 1</c>, …, each drawn by its own generator, so image i equals
/// a single-image <c>flux generate --seed (Seed + i)</c> — and stays so when the service batches the request with
/// others. With no <see cref="Seed"/> the service draws one and reports it with each image.
/// Inputs by the model's variant: schnell / dev take an optional <see cref="Image"/> (img2img, with
/// <see cref="Strength"/>, default 0.8); fill needs <see cref="Image"/> and <see cref="Mask"/>; kontext needs
/// <see cref="Image"/> (the reference); canny / depth need <see cref="Control"/> (canny also takes
/// <see cref="Image"/> alone, a photo its edges are computed from).
/// </remarks>
public sealed record ImageJobRequest
{
    /// <summary>The served model's name; null when the service serves exactly one model.</summary>
    public string? Model { get; init; }

    public required string Prompt { get; init; }

    /// <summary>Number of images (OpenAI <c>n</c>).</summary>
    public int N { get; init; } = 1;

    /// <summary>Width in pixels (OpenAI <c>size</c> "WxH"); null for the model's default, or an input image's size.</summary>
    public int? Width { get; init; }

    public int? Height { get; init; }

    public int? Steps { get; init; }

    /// <summary>Guidance scale; only for models whose transformer takes guidance (dev, fill, canny, depth, kontext).</summary>
    public float? Guidance { get; init; }

    /// <summary>Seed of the first image; null draws one.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Output format (OpenAI <c>output_format</c>).</summary>
    public ImageFileFormat OutputFormat { get; init; } = ImageFileFormat.Png;

    /// <summary>JPEG / WebP quality 1..100 (OpenAI <c>output_compression</c>); null for the encoder default.</summary>
    public int? Quality { get; init; }

    /// <summary>Input image bytes (OpenAI <c>image</c>): init image, Fill source, Kontext reference, or Canny photo.</summary>
    public ReadOnlyMemory<byte>? Image { get; init; }

    /// <summary>Fill mask bytes (OpenAI <c>mask</c>); white = area to fill.</summary>
    public ReadOnlyMemory<byte>? Mask { get; init; }

    /// <summary>Canny / Depth control image bytes (FluxOnnx <c>control</c>), used as given.</summary>
    public ReadOnlyMemory<byte>? Control { get; init; }

    /// <summary>img2img strength in [0, 1] (schnell / dev with an image).</summary>
    public double? Strength { get; init; }

    /// <summary>Attach a low-resolution preview of the latent to each step's progress event.</summary>
    public bool Preview { get; init; }

    /// <summary>
    /// LoRAs to bind to the model's run-time slots for this request, by the names the operator registered
    /// (<see cref="FluxImageServiceOptions.Loras"/>), in order; null or empty = none. Jobs batch together only with
    /// the same LoRAs at the same strengths.
    /// </summary>
    public IReadOnlyList<LoraSelection>? Loras { get; init; }
}
