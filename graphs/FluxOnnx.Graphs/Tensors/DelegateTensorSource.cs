using FluxOnnx.Graphs.Building;

namespace FluxOnnx.Graphs.Tensors;

/// <summary>
/// A tensor produced on demand by a callback: the converter's hook for "read a memory-mapped checkpoint
/// tensor, convert it, stream it out". The callback runs only inside the model writer, once per write, and
/// must write exactly <see cref="ByteLength"/> bytes of ONNX raw layout (see <see cref="ITensorSource.WriteTo"/>).
/// </summary>
public sealed class DelegateTensorSource : ITensorSource
{
    private readonly Action<Stream, CancellationToken> _write;

    public DelegateTensorSource(ElementType elementType, IReadOnlyList<long> dims, Action<Stream, CancellationToken> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        ElementType = elementType;
        Dims = dims.ToArray();
        ByteLength = elementType.ByteLength(Dims.Aggregate(1L, (n, d) => n * d));
        _write = write;
    }

    public ElementType ElementType { get; }

    public IReadOnlyList<long> Dims { get; }

    public long ByteLength { get; }

    public void WriteTo(Stream destination, CancellationToken cancellationToken) => _write(destination, cancellationToken);
}
