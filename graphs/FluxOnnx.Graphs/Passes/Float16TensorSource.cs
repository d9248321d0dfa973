using System.Runtime.InteropServices;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;

namespace FluxOnnx.Graphs.Passes;

/// <summary>
/// A float32 tensor written as float16, lazily: round to nearest even (.NET's <see cref="Half"/> conversion),
/// saturating at ±65504 instead of overflowing to infinity. Holds the inner tensor while writing.
/// </summary>
public sealed class Float16TensorSource : ITensorSource
{
    private const float MaxHalf = 65504f;
    private readonly ITensorSource _inner;

    public Float16TensorSource(ITensorSource inner)
    {
        if (inner.ElementType != ElementType.Float)
        {
            throw new ArgumentException($"Only float32 converts to float16, got {inner.ElementType}.", nameof(inner));
        }
        _inner = inner;
    }

    public ElementType ElementType => ElementType.Float16;

    public IReadOnlyList<long> Dims => _inner.Dims;

    public long ByteLength => _inner.ByteLength / 2;

    public void WriteTo(Stream destination, CancellationToken cancellationToken)
    {
        var bytes = new byte[_inner.ByteLength];
        using (var ms = new MemoryStream(bytes, writable: true)) _inner.WriteTo(ms, cancellationToken);
        var floats = MemoryMarshal.Cast<byte, float>(bytes);
        var halves = new Half[floats.Length];
        for (int i = 0; i < floats.Length; i++) halves[i] = (Half)Math.Clamp(floats[i], -MaxHalf, MaxHalf);
        destination.Write(MemoryMarshal.AsBytes(halves.AsSpan()));
    }
}
