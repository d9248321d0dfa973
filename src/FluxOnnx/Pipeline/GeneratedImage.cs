using FluxOnnx.Imaging;

namespace FluxOnnx.Pipeline;

/// <summary>One image of a <see cref="FluxPipeline.Generate"/> call with the parameters that made it.</summary>
/// <param name="Image">8-bit RGB pixels (BFL <c>save_image</c> conversion: clamp, 127.5·(x + 1), truncate). Owned by this record.</param>
/// <param name="Parameters">Resolved parameters; <see cref="GenerationParameters.Seed"/> and
/// <see cref="GenerationParameters.Prompt"/> are repeated as <see cref="Seed"/> and <see cref="Prompt"/>.</param>
public sealed record GeneratedImage(PixelImage Image, GenerationParameters Parameters)
{
    public ulong Seed => Parameters.Seed;

    public string Prompt => Parameters.Prompt;

    /// <summary>
    /// The Linears whose LoRAs were folded to the slot rank (<see cref="GenerateRequest.LoraFit"/> = Svd), with the
    /// energy kept; the same for every image of a call; empty when nothing was folded.
    /// </summary>
    public IReadOnlyList<Lora.LoraFitReport> LoraFit { get; init; } = [];
}
