namespace FluxOnnx.Converter.Safetensors;

/// <summary>
/// A <see cref="SafetensorsWriter"/> call broke the writer's contract. The partial file is left as a temp file
/// until the writer is disposed (which deletes it); the destination is never touched.
/// </summary>
public sealed class SafetensorsWriteException : FluxOnnxException
{
    public SafetensorsWriteException(SafetensorsWriteError reason, string filePath, string? tensorName, string description,
        string? expected = null, string? actual = null)
        : base($"Writing '{filePath}'" + (tensorName is null ? "" : $", tensor '{tensorName}'") + $": {description}"
            + (expected is null && actual is null ? "." : $" (expected {expected ?? "?"}, actual {actual ?? "?"})."))
    {
        Reason = reason;
        FilePath = filePath;
        TensorName = tensorName;
        Expected = expected;
        Actual = actual;
    }

    public SafetensorsWriteError Reason { get; }

    /// <summary>The destination path (not the temp file).</summary>
    public string FilePath { get; }

    public string? TensorName { get; }

    public string? Expected { get; }

    public string? Actual { get; }
}
