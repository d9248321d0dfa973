namespace FluxOnnx.Bench.Quantization;

/// <summary>
/// Symmetric blockwise 4-bit quantization of a weight w [K, N] into com.microsoft MatMulNBits layout (onnxruntime
/// <c>docs/ContribOperators.md</c>): packed [N, K/32, 16] bytes, two values per byte low nibble first, scale
/// max|w|/7 per block of 32 along K, implicit zero point 8. Bench data only; K must be a multiple of 32.
/// </summary>
internal static class Int4BlockQuantizer
{
    public const int BlockSize = 32;

    public static (byte[] Packed, float[] Scales) Quantize(float[] w, int k, int n)
    {
        int blocks = k / BlockSize;
        var packed = new byte[n * blocks * BlockSize / 2];
        var scales = new float[n * blocks];
        for (int col = 0; col < n; col++)
        for (int block = 0; block < blocks; block++)
        {
            float maxAbs = 0;
            for (int i = 0; i < BlockSize; i++) maxAbs = Math.Max(maxAbs, Math.Abs(w[(block * BlockSize + i) * n + col]));
            float scale = maxAbs == 0 ? 1 : maxAbs / 7;
            scales[col * blocks + block] = scale;
            for (int i = 0; i < BlockSize; i++)
            {
                int q = Math.Clamp((int)MathF.Round(w[(block * BlockSize + i) * n + col] / scale) + 8, 0, 15);
                packed[(col * blocks + block) * BlockSize / 2 + i / 2] |= (byte)(q << (i % 2 * 4));
            }
        }
        return (packed, scales);
    }
}
