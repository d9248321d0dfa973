using FluxOnnx.Graphs.Building;

namespace FluxOnnx.Graphs.Tensors;

/// <summary>
/// The transpose of a 2-D tensor, computed at write time: [rows, cols] → [cols, rows]. Used to store a torch
/// Linear weight ([out, in]) in MatMul layout ([in, out]). Holds the inner tensor in memory only while it is
/// being written (peak: twice the tensor's bytes), which stays within the converter's
/// "2 GB plus the largest tensor" budget.
/// </summary>
public sealed class Transposed2DTensorSource : ITensorSource
{
    private readonly ITensorSource _inner;

    public Transposed2DTensorSource(ITensorSource inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (inner.Dims.Count != 2)
        {
            throw new ArgumentException($"Only 2-D tensors can be transposed; this one has dims [{string.Join(", ", inner.Dims)}].", nameof(inner));
        }
        if (inner.ElementType.BitsPerElement() % 8 != 0)
        {
            throw new ArgumentException($"Sub-byte element type {inner.ElementType} cannot be transposed element-wise.", nameof(inner));
        }
        _inner = inner;
        Dims = [inner.Dims[1], inner.Dims[0]];
    }

    public ElementType ElementType => _inner.ElementType;

    public IReadOnlyList<long> Dims { get; }

    public long ByteLength => _inner.ByteLength;

    public void WriteTo(Stream destination, CancellationToken cancellationToken)
    {
        var rows = checked((int)_inner.Dims[0]);
        var cols = checked((int)_inner.Dims[1]);
        var size = ElementType.BitsPerElement() / 8;
        var buffer = new byte[checked(_inner.ByteLength)];
        using (var ms = new MemoryStream(buffer, writable: true))
        {
            _inner.WriteTo(ms, cancellationToken);
        }
        // [rows, cols] → [cols, rows], one output row (= one input column) at a time.
        var row = new byte[rows * size];
        for (var c = 0; c < cols; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var r = 0; r < rows; r++)
            {
                Buffer.BlockCopy(buffer, (r * cols + c) * size, row, r * size, size);
            }
            destination.Write(row);
        }
    }
}
