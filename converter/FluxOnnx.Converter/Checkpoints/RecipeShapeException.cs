namespace FluxOnnx.Converter.Checkpoints;

/// <summary>
/// A stored tensor cannot take part in its recipe because of its shape: concatenated parts disagree on their
/// trailing dimensions, a swapped tensor has an odd first dimension, a scale fits neither one value nor one per
/// row, two aliases differ in shape.
/// </summary>
public sealed class RecipeShapeException : CheckpointException
{
    public RecipeShapeException(string filePath, string referenceName, string tensorName, string expected, string actual)
        : base(filePath, tensorName, $"cannot build '{referenceName}': expected {expected}, found {actual}")
    {
        ReferenceName = referenceName;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The reference name being built.</summary>
    public string ReferenceName { get; }

    public string Expected { get; }

    public string Actual { get; }
}
