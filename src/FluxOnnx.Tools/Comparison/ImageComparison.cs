namespace FluxOnnx.Tools.Comparison;

/// <summary>The final 8-bit images (BFL save_image conversion) of every case compared.</summary>
/// <param name="PsnrDecibels">PSNR over every sample of every case (one MSE); null when all images are identical.</param>
/// <param name="MinPsnrDecibels">Worst case PSNR; null when every case is identical.</param>
/// <param name="MeanSsim">Mean over cases of each case's SSIM.</param>
/// <param name="MinSsim">Worst case SSIM.</param>
/// <param name="MaxPixelDifference">Largest |b − a| over every sample of every case.</param>
/// <param name="SsimWindow">How SSIM was computed (<see cref="Ssim.WindowDescription"/>).</param>
/// <param name="Cases">Per case, in case order.</param>
public sealed record ImageComparison(
    double? PsnrDecibels,
    double? MinPsnrDecibels,
    double MeanSsim,
    double MinSsim,
    int MaxPixelDifference,
    string SsimWindow,
    IReadOnlyList<CaseImageComparison> Cases);
