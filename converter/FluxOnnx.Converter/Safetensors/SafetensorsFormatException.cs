namespace FluxOnnx.Converter.Safetensors;

/// <summary>
/// A safetensors file or sharded index failed validation. <see cref="Reason"/> says why; <see cref="FilePath"/>,
/// <see cref="TensorName"/>, <see cref="Expected"/> and <see cref="Actual"/> say where and by how much, and the
/// message repeats all of them.
/// </summary>
public sealed class SafetensorsFormatException : FluxOnnxException
{
    public SafetensorsFormatException(
        SafetensorsFormatError reason,
        string filePath,
        string description,
        string? tensorName = null,
        string? expected = null,
        string? actual = null,
        Exception? innerException = null)
        : base(FormatMessage(filePath, description, tensorName, expected, actual), innerException)
    {
        Reason = reason;
        FilePath = filePath;
        TensorName = tensorName;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The rule the file broke.</summary>
    public SafetensorsFormatError Reason { get; }

    /// <summary>Full path of the offending file (the shard or index for sharded checkpoints).</summary>
    public string FilePath { get; }

    /// <summary>The tensor (or metadata / JSON key) concerned, when the error is about one.</summary>
    public string? TensorName { get; }

    /// <summary>What the format requires, rendered as text (a number, a shape, a range).</summary>
    public string? Expected { get; }

    /// <summary>What the file holds, rendered as text.</summary>
    public string? Actual { get; }

    private static string FormatMessage(string filePath, string description, string? tensorName, string? expected, string? actual)
    {
        string where = tensorName is null ? $"'{filePath}'" : $"'{filePath}', tensor '{tensorName}'";
        string values = expected is null && actual is null ? "" : $" (expected {expected ?? "?"}, actual {actual ?? "?"})";
        return $"Invalid safetensors {where}: {description}{values}.";
    }
}
