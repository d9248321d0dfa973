namespace FluxOnnx.Converter.Calibration;

/// <summary>A calibration table recorded from a package converted from another transformer checkpoint.</summary>
public sealed class CalibrationSourceMismatchException : FluxOnnxException
{
    public CalibrationSourceMismatchException(string path, string tableSourceSha256, string transformerSha256)
        : base($"{path}: the calibration table was recorded from a transformer converted from a checkpoint with " +
            $"SHA-256 {tableSourceSha256}, but the transformer being converted has SHA-256 {transformerSha256}")
    {
        Path = path;
        TableSourceSha256 = tableSourceSha256;
        TransformerSha256 = transformerSha256;
    }

    /// <summary>The table file.</summary>
    public string Path { get; }

    /// <summary>The transformer checkpoint hash the table records.</summary>
    public string TableSourceSha256 { get; }

    /// <summary>The hash of the transformer checkpoint being converted.</summary>
    public string TransformerSha256 { get; }
}
