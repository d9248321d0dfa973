using System.Collections.Immutable;
using FluxOnnx.Converter.Numerics;

namespace FluxOnnx.Converter.Safetensors;

/// <summary>
/// One tensor of a validated safetensors file: its name, dtype, shape and where its bytes are.
/// </summary>
/// <param name="Name">The header key (names like <c>a.b.c</c> are plain strings, not nesting).</param>
/// <param name="DType">Element type.</param>
/// <param name="Shape">Dimensions, row-major; empty for a scalar.</param>
/// <param name="DataOffset">Start of the bytes relative to the data section (the header's data_offsets[0]).</param>
/// <param name="FileOffset">Start of the bytes from the beginning of the file (8 + header length + <paramref name="DataOffset"/>).</param>
/// <param name="ByteLength">Byte count, product(shape) × item size (may exceed int.MaxValue).</param>
public sealed record SafetensorsTensorInfo(
    string Name,
    ElementType DType,
    ImmutableArray<long> Shape,
    long DataOffset,
    long FileOffset,
    long ByteLength)
{
    /// <summary>product(Shape); 1 for a scalar.</summary>
    public long ElementCount => ByteLength / DType.ByteSize();

    /// <summary>The shape as <c>[a, b, c]</c>, for messages.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}
