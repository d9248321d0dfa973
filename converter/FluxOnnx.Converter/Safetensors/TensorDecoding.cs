using System.Runtime.InteropServices;
using FluxOnnx.Numerics;

namespace FluxOnnx.Converter.Safetensors;

/// <summary>Converts raw little-endian element bytes of any float dtype to float32.</summary>
internal static class TensorDecoding
{
    /// <summary>
    /// Decodes <c>destination.Length</c> elements from <paramref name="source"/>, which must hold exactly that
    /// many elements of <paramref name="dtype"/> (a floating-point dtype).
    /// </summary>
    public static void ToSingle(DType dtype, ReadOnlySpan<byte> source, Span<float> destination)
    {
        switch (dtype)
        {
            case DType.F32: MemoryMarshal.Cast<byte, float>(source).CopyTo(destination); break;
            case DType.F16: Float16Conversion.ToSingle(MemoryMarshal.Cast<byte, ushort>(source), destination); break;
            case DType.BF16: BFloat16Conversion.ToSingle(MemoryMarshal.Cast<byte, ushort>(source), destination); break;
            case DType.F64: Float64Conversion.ToSingle(MemoryMarshal.Cast<byte, double>(source), destination); break;
            case DType.F8_E4M3: Float8E4M3FNConversion.ToSingle(source, destination); break;
            case DType.F8_E5M2: Float8E5M2Conversion.ToSingle(source, destination); break;
            default: throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a floating-point dtype.");
        }
    }
}
