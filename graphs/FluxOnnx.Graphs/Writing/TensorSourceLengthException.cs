namespace FluxOnnx.Graphs.Writing;

/// <summary>
/// Thrown by <see cref="OnnxModelWriter"/> when the source of initializer <see cref="TensorName"/> wrote
/// <see cref="Actual"/> bytes but declared <see cref="Expected"/>. Nothing is left on disk.
/// </summary>
public sealed class TensorSourceLengthException(string tensorName, long expected, long actual)
    : FluxOnnxException($"Tensor source '{tensorName}' wrote {actual} bytes; it declared {expected}.")
{
    public string TensorName { get; } = tensorName;

    public long Expected { get; } = expected;

    public long Actual { get; } = actual;
}
