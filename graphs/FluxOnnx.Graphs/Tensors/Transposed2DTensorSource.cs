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
        // [rows, cols] → [cols, rows], in cache-sized tiles, one output row band at a time.
        var output = new byte[buffer.Length];
        switch (size)
        {
            case 1: Transpose<byte>(buffer, output, rows, cols, cancellationToken); break;
            case 2: Transpose<ushort>(buffer, output, rows, cols, cancellationToken); break;
            case 4: Transpose<uint>(buffer, output, rows, cols, cancellationToken); break;
            case 8: Transpose<ulong>(buffer, output, rows, cols, cancellationToken); break;
            default: throw new NotSupportedException($"element size {size}");
        }
        destination.Write(output);
    }

    private static void Transpose<T>(byte[] input, byte[] output, int rows, int cols, CancellationToken cancellationToken)
        where T : unmanaged
    {
        const int tile = 32;
        ReadOnlySpan<T> src = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(input.AsSpan());
        Span<T> dst = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(output.AsSpan());
        for (var r0 = 0; r0 < rows; r0 += tile)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var r1 = Math.Min(r0 + tile, rows);
            for (var c0 = 0; c0 < cols; c0 += tile)
            {
                var c1 = Math.Min(c0 + tile, cols);
                for (var r = r0; r < r1; r++)
                {
                    for (var c = c0; c < c1; c++)
                    {
                        dst[c * rows + r] = src[r * cols + c];
                    }
                }
            }
        }
    }
}
