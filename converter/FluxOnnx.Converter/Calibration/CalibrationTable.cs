namespace FluxOnnx.Converter.Calibration;

/// <summary>
/// Activation ranges recorded by <c>flux calibrate</c> from an fp32 package, read by the fp8 conversion for
/// TensorRT (static QuantizeLinear → DequantizeLinear on each quantized Linear's input, scale amax / 448):
/// <code>
///   convert --precision fp32 ─► fp32 package ─► calibrate (prompts) ─► table.json ─► convert --precision fp8
/// </code>
/// One entry per Linear of the fp32 transformer; the fp8 conversion uses those it quantizes.
/// </summary>
/// <param name="FormatVersion">The table format; <see cref="CurrentFormatVersion"/> is the only one read.</param>
/// <param name="PackageSha256">SHA-256 of the calibrated package's <c>manifest.json</c> (which hashes every file).</param>
/// <param name="TransformerSourceSha256">SHA-256 of the checkpoint the calibrated transformer was converted from,
/// as its manifest records it; the fp8 conversion refuses a table from another checkpoint.</param>
/// <param name="Prompts">Number of calibration prompts run.</param>
/// <param name="Linears">The entries, in graph order.</param>
public sealed record CalibrationTable(
    int FormatVersion,
    string PackageSha256,
    string? TransformerSourceSha256,
    int Prompts,
    IReadOnlyList<CalibrationEntry> Linears)
{
    public const int CurrentFormatVersion = 1;

    /// <summary>Linear name → amax.</summary>
    public IReadOnlyDictionary<string, float> AmaxByName() =>
        Linears.ToDictionary(e => e.Name, e => e.Amax, StringComparer.Ordinal);
}
