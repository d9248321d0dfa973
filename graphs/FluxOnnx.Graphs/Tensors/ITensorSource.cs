using FluxOnnx.Graphs.Building;

namespace FluxOnnx.Graphs.Tensors;

/// <summary>
/// The bytes of one initializer, produced only when the model writer asks for them. Implementations must not
/// hold the whole tensor in memory before <see cref="WriteTo"/> is called (an array source may, since its
/// caller already owns the array); the writer calls <see cref="WriteTo"/> at most once per write and streams
/// the bytes straight to disk.
/// </summary>
public interface ITensorSource
{
    ElementType ElementType { get; }

    /// <summary>Fixed sizes of the tensor, outermost first; empty for a scalar.</summary>
    IReadOnlyList<long> Dims { get; }

    /// <summary>
    /// Exact number of bytes <see cref="WriteTo"/> writes: <c>ElementType.ByteLength(product(Dims))</c>. The
    /// writer fails with <see cref="Writing.TensorSourceLengthException"/> when the two disagree.
    /// </summary>
    long ByteLength { get; }

    /// <summary>
    /// Writes the ONNX raw layout (little-endian, row-major, 4-bit types packed two per byte low nibble first)
    /// to <paramref name="destination"/>, in chunks of the implementation's choosing. Must observe
    /// <paramref name="cancellationToken"/> between chunks; the stream is owned by the caller and stays open.
    /// </summary>
    void WriteTo(Stream destination, CancellationToken cancellationToken);
}
