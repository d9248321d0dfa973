namespace FluxOnnx.Tools.Calibration;

/// <summary>What <see cref="ActivationCalibrator.Calibrate"/> runs.</summary>
/// <param name="Package">An fp32 package (converted from the checkpoints the fp8 package will be converted from).</param>
/// <param name="Output">Where the table JSON is written (temp file renamed into place); null = not written.</param>
/// <param name="Prompts">How many calibration prompts to run; prompt i is <see cref="ActivationCalibrator.Prompts"/>[i % 8], seed i.</param>
public sealed record CalibrateRequest(string Package, string? Output = null, int Prompts = 8);
