using System.Runtime.InteropServices;

namespace FluxOnnx.Converter.Quantization;

/// <summary>
/// Symmetric INT8 with one scale per output channel (row of torch's [out, in]) for the dynamic int8 Linear:
/// scale = max|row| / 127, code = clamp(round-half-to-even(w / scale), −127, 127), zero point 0. −128 is never used,
/// so the code range is symmetric and a row's largest magnitude maps exactly to ±127. An all-zero row gets scale 1.
/// </summary>
internal static class Int8RowQuantizer
{
    /// <summary>Largest code magnitude.</summary>
    public const int MaxCode = 127;

    /// <summary>Returns [code bytes (int8 [rows, cols]), scale bytes (float32 [rows])].</summary>
    public static byte[][] Quantize(float[] w, int rows, int cols)
    {
        var codes = new byte[w.Length];
        var scales = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            var row = w.AsSpan(r * cols, cols);
            float scale = RowScale.AbsMax(row, MaxCode);
            scales[r] = scale;
            var dest = codes.AsSpan(r * cols, cols);
            for (int c = 0; c < cols; c++)
            {
                dest[c] = unchecked((byte)(sbyte)Math.Clamp(MathF.Round(row[c] / scale), -MaxCode, MaxCode));
            }
        }
        return [codes, MemoryMarshal.AsBytes(scales.AsSpan()).ToArray()];
    }
}
