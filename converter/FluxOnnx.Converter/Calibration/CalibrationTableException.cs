namespace FluxOnnx.Converter.Calibration;

/// <summary>A calibration table file that cannot be read: missing, not JSON, or breaking the table format.</summary>
public sealed class CalibrationTableException : FluxOnnxException
{
    public CalibrationTableException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The table file.</summary>
    public string Path { get; }

    public string Problem { get; }
}
