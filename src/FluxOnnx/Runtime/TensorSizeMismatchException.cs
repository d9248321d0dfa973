namespace FluxOnnx.Runtime;

/// <summary>A buffer's element count does not match the tensor shape it is given for.</summary>
public sealed class TensorSizeMismatchException : FluxOnnxException
{
    public TensorSizeMismatchException(IReadOnlyList<long> shape, long expectedElementCount, long actualElementCount)
        : base(expectedElementCount < 0
            ? $"Tensor shape [{string.Join(", ", shape)}] has a negative dimension; the buffer holds {actualElementCount} elements."
            : $"Tensor shape [{string.Join(", ", shape)}] needs {expectedElementCount} elements; the buffer holds {actualElementCount}.")
    {
        Shape = shape.ToArray();
        ExpectedElementCount = expectedElementCount;
        ActualElementCount = actualElementCount;
    }

    public IReadOnlyList<long> Shape { get; }

    /// <summary>The shape's element count, or −1 when a dimension is negative.</summary>
    public long ExpectedElementCount { get; }

    public long ActualElementCount { get; }
}
