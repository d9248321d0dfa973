using System.Runtime.InteropServices;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;

namespace FluxOnnx.Converter.Quantization;

/// <summary>
/// A checkpoint's fp8 weight scale as a per-output-channel float32 [rows] vector: a per-tensor scale
/// (<c>[]</c>, <c>[1]</c>) is repeated, a per-channel one (<c>[rows]</c>, <c>[rows, 1]</c>) is copied.
/// </summary>
internal sealed class BroadcastScaleSource : ITensorSource
{
    private readonly ITensorSource _scale;

    /// <exception cref="ArgumentException">The scale is neither per tensor nor per row.</exception>
    public BroadcastScaleSource(ITensorSource scale, long rows)
    {
        long count = scale.Dims.Aggregate(1L, (n, d) => n * d);
        if (scale.ElementType != ElementType.Float || (count != 1 && count != rows))
        {
            throw new ArgumentException($"A scale of {scale.ElementType} [{string.Join(", ", scale.Dims)}] is neither per tensor nor per row of {rows}.", nameof(scale));
        }
        _scale = scale;
        Dims = [rows];
    }

    /// <summary>Whether a scale of <paramref name="dims"/> can be broadcast per row of <paramref name="rows"/>.</summary>
    public static bool Fits(IReadOnlyList<long> dims, long rows)
    {
        long count = dims.Aggregate(1L, (n, d) => n * d);
        return count == 1 || (count == rows && dims.Count(d => d != 1) <= 1);
    }

    public ElementType ElementType => ElementType.Float;

    public IReadOnlyList<long> Dims { get; }

    public long ByteLength => Dims[0] * 4;

    public void WriteTo(Stream destination, CancellationToken cancellationToken)
    {
        var stored = new byte[_scale.ByteLength];
        using (var ms = new MemoryStream(stored, writable: true)) _scale.WriteTo(ms, cancellationToken);
        var values = MemoryMarshal.Cast<byte, float>(stored);
        var rows = new float[Dims[0]];
        for (int i = 0; i < rows.Length; i++) rows[i] = values.Length == 1 ? values[0] : values[i];
        destination.Write(MemoryMarshal.AsBytes(rows.AsSpan()));
    }
}
