using System.Collections.Immutable;
using FluxOnnx.Converter.Numerics;

namespace FluxOnnx.Converter.Safetensors;

/// <summary>A tensor announced to <see cref="SafetensorsWriter"/> before any bytes are written.</summary>
/// <param name="Name">Header key; any string except <c>__metadata__</c>.</param>
/// <param name="DType">Element type.</param>
/// <param name="Shape">Non-negative dimensions, row-major; empty for a scalar.</param>
public sealed record SafetensorsTensorDeclaration(string Name, ElementType DType, ImmutableArray<long> Shape)
{
    /// <summary>Declares a tensor from a shape given as any sequence of dimensions.</summary>
    public SafetensorsTensorDeclaration(string name, ElementType dtype, params long[] shape)
        : this(name, dtype, ImmutableArray.Create(shape))
    {
    }

    /// <summary>The shape as <c>[a, b, c]</c>, for messages.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}
