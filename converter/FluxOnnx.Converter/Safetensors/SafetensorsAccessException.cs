namespace FluxOnnx.Converter.Safetensors;

/// <summary>
/// A request to a validated safetensors source failed: unknown name, wrong dtype, a range outside the tensor,
/// or a tensor too large for a single span. Carries <see cref="Reason"/>, <see cref="FilePath"/>,
/// <see cref="TensorName"/> and <see cref="Expected"/> / <see cref="Actual"/>.
/// </summary>
public sealed class SafetensorsAccessException : FluxOnnxException
{
    public SafetensorsAccessException(
        SafetensorsAccessError reason,
        string filePath,
        string tensorName,
        string description,
        string? expected = null,
        string? actual = null)
        : base($"'{filePath}', tensor '{tensorName}': {description}"
            + (expected is null && actual is null ? "." : $" (expected {expected ?? "?"}, actual {actual ?? "?"})."))
    {
        Reason = reason;
        FilePath = filePath;
        TensorName = tensorName;
        Expected = expected;
        Actual = actual;
    }

    public SafetensorsAccessError Reason { get; }

    /// <summary>The file (or sharded index) that was asked.</summary>
    public string FilePath { get; }

    public string TensorName { get; }

    public string? Expected { get; }

    public string? Actual { get; }
}
