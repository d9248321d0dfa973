using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Layers;

/// <summary>
/// Block quantization of a torch Linear weight [N = out, K = in] into the layout com.microsoft MatMulNBits reads
/// (onnxruntime <c>docs/ContribOperators.md</c>, verified against ORT 1.30 in <c>tests/.../OnnxRuntime</c>):
/// <code>
///   row n, block b = K[b·bs, (b+1)·bs)  (the last block zero-padded)
///   Packed      [N, blocks, bs · bits / 8]   4 bits: element 2i in the low nibble, 2i+1 in the high nibble
///   Scales      [N, blocks]
///   ZeroPoints  [N, ceil(blocks · bits / 8)] 4 bits: block 2j low nibble, 2j+1 high; absent when symmetric
///   w ≈ (q − zp) · scale
/// </code>
/// Symmetric blocks use onnxruntime's <c>MatMul4BitsQuantizer</c> trick: scale = m / −2^(bits−1), m the block's
/// value of largest magnitude, so m lands exactly on q = 0 and the full code range is used; zp is the implicit
/// midpoint 2^(bits−1). Asymmetric blocks span [min(0, lo), max(0, hi)] with a rounded uint zero point.
/// </summary>
public static class MatMulNBitsPacking
{
    /// <summary>Number of K blocks.</summary>
    public static int BlockCount(long k, int blockSize) => checked((int)((k + blockSize - 1) / blockSize));

    /// <summary>Quantizes <paramref name="w"/> (row-major [n, k]).</summary>
    /// <exception cref="ArgumentException">bits is not 4 or 8, or <paramref name="w"/> is not n·k long.</exception>
    public static (byte[] Packed, float[] Scales, byte[]? ZeroPoints) Quantize(ReadOnlySpan<float> w, int n, int k, int bits,
        BlockQuantization blocks)
    {
        if (bits is not (4 or 8)) throw new ArgumentException($"MatMulNBits packing supports 4 or 8 bits, not {bits}.", nameof(bits));
        if (w.Length != (long)n * k) throw new ArgumentException($"Weight has {w.Length} elements, expected {n}·{k}.", nameof(w));
        blocks.Validate();
        int bs = blocks.BlockSize, blockCount = BlockCount(k, bs), blob = bs * bits / 8;
        int levels = (1 << bits) - 1, mid = 1 << (bits - 1);
        int zpBytes = (blockCount * bits + 7) / 8;
        var packed = new byte[(long)n * blockCount * blob];
        var scales = new float[(long)n * blockCount];
        var zeroPoints = blocks.Symmetric ? null : new byte[(long)n * zpBytes];
        Span<int> q = stackalloc int[bs];
        for (int row = 0; row < n; row++)
        {
            var weights = w.Slice(row * k, k);
            for (int b = 0; b < blockCount; b++)
            {
                int start = b * bs, count = Math.Min(bs, k - start);
                var block = weights.Slice(start, count);
                float scale;
                int zp;
                if (blocks.Symmetric)
                {
                    float m = 0;
                    foreach (float v in block) if (Math.Abs(v) > Math.Abs(m)) m = v;
                    scale = m == 0 ? 1f : m / -mid;
                    zp = mid;
                }
                else
                {
                    float lo = 0, hi = 0;
                    foreach (float v in block) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
                    scale = hi == lo ? 1f : (hi - lo) / levels;
                    zp = Math.Clamp((int)MathF.Round(-lo / scale), 0, levels);
                    int zpIndex = row * zpBytes + b * bits / 8;
                    zeroPoints![zpIndex] |= bits == 8 ? (byte)zp : (byte)(zp << (b % 2 * 4));
                }
                scales[row * blockCount + b] = scale;
                q.Fill(zp); // padding beyond K decodes to 0
                for (int i = 0; i < count; i++) q[i] = Math.Clamp((int)MathF.Round(block[i] / scale) + zp, 0, levels);
                var dest = packed.AsSpan((row * blockCount + b) * blob, blob);
                if (bits == 8)
                {
                    for (int i = 0; i < bs; i++) dest[i] = (byte)q[i];
                }
                else
                {
                    for (int i = 0; i < blob; i++) dest[i] = (byte)(q[2 * i] | (q[2 * i + 1] << 4));
                }
            }
        }
        return (packed, scales, zeroPoints);
    }
}
