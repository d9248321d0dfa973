using FluxOnnx.Imaging;

namespace FluxOnnx.Tools.Comparison;

/// <summary>What one package produced for one case (batch 1), copied out of the pipeline's buffers.</summary>
/// <param name="Txt">T5 states [L, D].</param>
/// <param name="Vec">CLIP pooled [P].</param>
/// <param name="Predictions">Transformer output of each step, [S, 64] each.</param>
/// <param name="FinalLatent">Packed latent after the last step [S, 64].</param>
/// <param name="Decoded">VAE output [3, H, W], before clamping.</param>
/// <param name="Image">The 8-bit RGB image.</param>
/// <param name="StepMilliseconds">Wall time of each step.</param>
internal sealed record CaseCapture(
    float[] Txt,
    float[] Vec,
    IReadOnlyList<float[]> Predictions,
    float[] FinalLatent,
    float[] Decoded,
    PixelImage Image,
    IReadOnlyList<double> StepMilliseconds);
