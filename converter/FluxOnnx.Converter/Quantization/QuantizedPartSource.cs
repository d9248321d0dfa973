using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;

namespace FluxOnnx.Converter.Quantization;

/// <summary>One part of a <see cref="SharedQuantizedParts"/> as a lazy initializer.</summary>
internal sealed class QuantizedPartSource(SharedQuantizedParts parts, int index, ElementType elementType, IReadOnlyList<long> dims)
    : ITensorSource
{
    public ElementType ElementType { get; } = elementType;

    public IReadOnlyList<long> Dims { get; } = dims.ToArray();

    public long ByteLength => ElementType.ByteLength(Dims.Aggregate(1L, (n, d) => n * d));

    public void WriteTo(Stream destination, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var bytes = parts.Take(index);
        if (bytes.Length != ByteLength)
        {
            throw new InvalidOperationException($"Quantized part {index} has {bytes.Length} bytes, expected {ByteLength}.");
        }
        destination.Write(bytes);
    }
}
