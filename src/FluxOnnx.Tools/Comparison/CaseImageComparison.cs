namespace FluxOnnx.Tools.Comparison;

/// <summary>The two 8-bit images of one case compared.</summary>
/// <param name="Index">Case index.</param>
/// <param name="Prompt">Prompt, or null for token ids from a file.</param>
/// <param name="Seed">Noise seed.</param>
/// <param name="PsnrDecibels">PSNR (<see cref="Psnr"/>); null when the images are identical (infinite PSNR).</param>
/// <param name="Ssim">Mean SSIM (<see cref="Comparison.Ssim"/>).</param>
/// <param name="MaxPixelDifference">Largest |b − a| over the 8-bit samples.</param>
public sealed record CaseImageComparison(int Index, string? Prompt, ulong Seed, double? PsnrDecibels, double Ssim, int MaxPixelDifference);
