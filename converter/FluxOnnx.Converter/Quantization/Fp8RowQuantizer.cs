using System.Runtime.InteropServices;
using FluxOnnx.Converter.Numerics;

namespace FluxOnnx.Converter.Quantization;

/// <summary>
/// Weight-only FLOAT8E4M3FN with one scale per output channel (row of torch's [out, in]): scale = max|row| / 448
/// (448 is E4M3FN's largest finite value), payload = saturate(round-to-nearest-even(w / scale)). An all-zero row
/// gets scale 1.
/// </summary>
internal static class Fp8RowQuantizer
{
    /// <summary>E4M3FN's largest finite magnitude.</summary>
    public const float MaxFinite = 448f;

    /// <summary>Returns [payload bytes [rows, cols], scale bytes (float32 [rows])].</summary>
    public static byte[][] Quantize(float[] w, int rows, int cols)
    {
        var payload = new byte[w.Length];
        var scales = new float[rows];
        var scaled = new float[cols];
        for (int r = 0; r < rows; r++)
        {
            var row = w.AsSpan(r * cols, cols);
            float scale = RowScale.AbsMax(row, MaxFinite);
            scales[r] = scale;
            for (int c = 0; c < cols; c++) scaled[c] = row[c] / scale;
            Float8Format.E4M3FN.Encode(scaled, payload.AsSpan(r * cols, cols), saturate: true);
        }
        return [payload, MemoryMarshal.AsBytes(scales.AsSpan()).ToArray()];
    }
}
