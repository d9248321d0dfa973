namespace FluxOnnx.Tools.Calibration;

/// <summary>One calibration prompt done: <paramref name="Done"/> of <paramref name="Total"/>.</summary>
public sealed record CalibrationProgress(int Done, int Total);
