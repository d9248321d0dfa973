namespace FluxOnnx.Tools.Calibration;

/// <summary>A calibration request that cannot run as given; <see cref="Field"/> names the <see cref="CalibrateRequest"/> field.</summary>
public sealed class InvalidCalibrationRequestException : FluxOnnxException
{
    public InvalidCalibrationRequestException(string field, string problem)
        : base($"{field}: {problem}")
    {
        Field = field;
        Problem = problem;
    }

    /// <summary>The request field at fault, e.g. <c>Package</c>.</summary>
    public string Field { get; }

    public string Problem { get; }
}
