using System.Runtime.InteropServices;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Converter.Numerics;

namespace FluxOnnx.Bench.Precision;

/// <summary>
/// A float32-only weight source (the seeded <c>RandomFluxWeights</c>) that also answers bfloat16 requests,
/// rounding to nearest even like a checkpoint source would, so the bf16 policy can be timed on random weights.
/// </summary>
internal sealed class Bf16CapableWeights(IWeightSource inner) : IWeightSource
{
    public IReadOnlyCollection<string> Names => inner.Names;

    public IReadOnlyList<long>? ShapeOf(string name) => inner.ShapeOf(name);

    public ITensorSource? Open(string name, ElementType elementType)
    {
        if (elementType != ElementType.BFloat16) return inner.Open(name, elementType);
        var source = inner.Open(name, ElementType.Float);
        if (source is null) return null;
        return new DelegateTensorSource(ElementType.BFloat16, source.Dims, (stream, cancellationToken) =>
        {
            var bytes = new byte[source.ByteLength];
            using (var ms = new MemoryStream(bytes, writable: true)) source.WriteTo(ms, cancellationToken);
            var halves = new ushort[bytes.Length / 4];
            BFloat16Conversion.FromSingle(MemoryMarshal.Cast<byte, float>(bytes), halves);
            stream.Write(MemoryMarshal.AsBytes(halves.AsSpan()));
        });
    }
}
