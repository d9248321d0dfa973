using System.Runtime.InteropServices;
using FluxOnnx.Graphs.Building;

namespace FluxOnnx.Graphs.Tensors;

/// <summary>
/// A tensor whose elements are already in a managed buffer (<c>float[]</c>, <c>Half[]</c>, <c>long[]</c>,
/// <c>int[]</c>, <c>byte[]</c>...). The element type follows <typeparamref name="T"/> unless given, so packed
/// payloads such as FLOAT8E4M3FN or INT4 pass their bytes as <c>byte[]</c> with an explicit type. The buffer is
/// borrowed, not copied: the caller must not change it until the model is written.
/// </summary>
public sealed class ArrayTensorSource<T> : ITensorSource
    where T : unmanaged
{
    private const int ChunkBytes = 1 << 20;
    private readonly ReadOnlyMemory<T> _data;

    /// <summary>
    /// Wraps <paramref name="data"/> laid out row-major with <paramref name="dims"/>. Throws
    /// <see cref="ArgumentException"/> when the buffer's byte size is not
    /// <c>elementType.ByteLength(product(dims))</c>.
    /// </summary>
    public ArrayTensorSource(ReadOnlyMemory<T> data, IReadOnlyList<long> dims, ElementType? elementType = null)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw data is little-endian; this platform is big-endian.");
        }
        ElementType = elementType ?? ElementTypeOf();
        Dims = dims.ToArray();
        long count = Dims.Aggregate(1L, (n, d) => n * d);
        ByteLength = ElementType.ByteLength(count);
        long actual = (long)data.Length * Marshal.SizeOf<T>();
        if (actual != ByteLength)
        {
            throw new ArgumentException(
                $"A {ElementType} tensor of dims [{string.Join(", ", Dims)}] needs {ByteLength} bytes; the buffer holds {actual}.",
                nameof(data));
        }
        _data = data;
    }

    public ElementType ElementType { get; }

    public IReadOnlyList<long> Dims { get; }

    public long ByteLength { get; }

    /// <summary>The raw bytes, without copying; valid while the wrapped buffer is.</summary>
    internal ReadOnlySpan<byte> Bytes => MemoryMarshal.AsBytes(_data.Span);

    public void WriteTo(Stream destination, CancellationToken cancellationToken)
    {
        for (int offset = 0; offset < Bytes.Length; offset += ChunkBytes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            destination.Write(Bytes.Slice(offset, Math.Min(ChunkBytes, Bytes.Length - offset)));
        }
    }

    private static ElementType ElementTypeOf() => typeof(T) switch
    {
        var t when t == typeof(float) => ElementType.Float,
        var t when t == typeof(Half) => ElementType.Float16,
        var t when t == typeof(double) => ElementType.Double,
        var t when t == typeof(long) => ElementType.Int64,
        var t when t == typeof(int) => ElementType.Int32,
        var t when t == typeof(short) => ElementType.Int16,
        var t when t == typeof(sbyte) => ElementType.Int8,
        var t when t == typeof(byte) => ElementType.UInt8,
        var t when t == typeof(ushort) => ElementType.UInt16,
        var t when t == typeof(uint) => ElementType.UInt32,
        var t when t == typeof(ulong) => ElementType.UInt64,
        var t when t == typeof(bool) => ElementType.Bool,
        _ => throw new ArgumentException($"No default ONNX element type for {typeof(T)}; pass elementType."),
    };
}
