using System.Numerics.Tensors;

namespace FluxOnnx.Converter.Quantization;

/// <summary>The per-output-channel scale of the row quantizers: max|row| / the format's largest code, 1 for an all-zero row.</summary>
internal static class RowScale
{
    public static float AbsMax(ReadOnlySpan<float> row, float maxCode)
    {
        float amax = row.IsEmpty ? 0 : MathF.Abs(TensorPrimitives.MaxMagnitude(row));
        return amax == 0 ? 1f : amax / maxCode;
    }
}
