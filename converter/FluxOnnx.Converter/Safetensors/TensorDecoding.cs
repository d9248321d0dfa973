using System.Runtime.InteropServices;
using FluxOnnx.Converter.Numerics;

namespace FluxOnnx.Converter.Safetensors;

/// <summary>Converts raw little-endian element bytes of any float dtype to float32.</summary>
internal static class TensorDecoding
{
    /// <summary>
    /// Decodes <c>destination.Length</c> elements from <paramref name="source"/>, which must hold exactly that
    /// many elements of <paramref name="dtype"/> (a floating-point dtype).
    /// </summary>
    public static void ToSingle(ElementType dtype, ReadOnlySpan<byte> source, Span<float> destination)
    {
        switch (dtype)
        {
            case ElementType.Float: MemoryMarshal.Cast<byte, float>(source).CopyTo(destination); break;
            case ElementType.Float16: Float16Conversion.ToSingle(MemoryMarshal.Cast<byte, ushort>(source), destination); break;
            case ElementType.BFloat16: BFloat16Conversion.ToSingle(MemoryMarshal.Cast<byte, ushort>(source), destination); break;
            case ElementType.Double: Float64Conversion.ToSingle(MemoryMarshal.Cast<byte, double>(source), destination); break;
            case ElementType.Float8E4M3FN: Float8Format.E4M3FN.Decode(source, destination); break;
            case ElementType.Float8E5M2: Float8Format.E5M2.Decode(source, destination); break;
            default: throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a floating-point dtype.");
        }
    }
}
