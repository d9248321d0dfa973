namespace FluxOnnx.Converter.Checkpoints;

/// <summary>
/// A file or folder matches none of the checkpoint layouts FluxOnnx knows. Carries a few of the keys that were
/// found and a description of each layout that was looked for, so the caller can tell the user what is wrong.
/// </summary>
public sealed class UnknownCheckpointLayoutException : CheckpointException
{
    public UnknownCheckpointLayoutException(string filePath, IReadOnlyList<string> sampleKeys, IReadOnlyList<string> expected)
        : base(filePath, null,
            $"unknown checkpoint layout; found keys like [{string.Join(", ", sampleKeys)}]; expected one of: {string.Join("; ", expected)}")
    {
        SampleKeys = sampleKeys;
        Expected = expected;
    }

    /// <summary>Up to eight stored keys (or folder entries), ordinal order.</summary>
    public IReadOnlyList<string> SampleKeys { get; }

    /// <summary>The layouts that were looked for, each with the key or file that identifies it.</summary>
    public IReadOnlyList<string> Expected { get; }
}
