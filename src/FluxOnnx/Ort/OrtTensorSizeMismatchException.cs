namespace FluxOnnx.Ort;

/// <summary>A tensor's buffer does not hold exactly as many elements as its shape describes.</summary>
public sealed class OrtTensorSizeMismatchException : Exception
{
    public OrtTensorSizeMismatchException(IReadOnlyList<long> shape, long expectedElementCount, long actualElementCount)
        : base($"A tensor of shape [{string.Join(", ", shape)}] needs {expectedElementCount} elements, " +
               $"but its buffer holds {actualElementCount}.")
    {
        Shape = shape;
        ExpectedElementCount = expectedElementCount;
        ActualElementCount = actualElementCount;
    }

    public IReadOnlyList<long> Shape { get; }

    /// <summary>Product of the shape's dimensions.</summary>
    public long ExpectedElementCount { get; }

    /// <summary>Elements in the buffer given.</summary>
    public long ActualElementCount { get; }
}
