using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;

namespace FluxOnnx.Graphs.Weights;

/// <summary>
/// Stands in for a weight that was missing or mis-shaped so building can go on and report every problem.
/// Writing it is a bug: <see cref="WeightRegistry.EnsureComplete"/> must have thrown first.
/// </summary>
internal sealed class PlaceholderTensorSource(ElementType elementType, IReadOnlyList<long> dims) : ITensorSource
{
    public ElementType ElementType { get; } = elementType;

    public IReadOnlyList<long> Dims { get; } = dims.ToArray();

    public long ByteLength => ElementType.ByteLength(Dims.Aggregate(1L, (n, d) => n * d));

    public void WriteTo(Stream destination, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A placeholder weight was written: WeightRegistry.EnsureComplete was not called.");
}
