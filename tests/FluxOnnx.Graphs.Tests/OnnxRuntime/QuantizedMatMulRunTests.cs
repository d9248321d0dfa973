using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;
using FluxOnnx.Converter.Numerics;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Graphs.Tests.OnnxRuntime;

/// <summary>
/// The quantized weight paths: com.microsoft MatMulNBits (4-bit, blocks of 32 along K) and DequantizeLinear from
/// FLOAT8E4M3FN with per-channel scales. Weights are quantized here in the test; the expected side is the plain
/// product with the dequantized weights, so what is checked is ORT's reading of our packing, not its rounding.
/// </summary>
[Collection(OrtGraphCollection.Name)]
public sealed class QuantizedMatMulRunTests(OrtGraphFixture ort, ITestOutputHelper output)
{
    private const int BlockSize = 32;

    /// <summary>
    /// Blockwise 4-bit quantization of a logical weight w [K, N] in MatMulNBits layout (onnxruntime
    /// <c>docs/ContribOperators.md</c>, com.microsoft.MatMulNBits; shapes checked by
    /// <c>contrib_ops/cpu/quantization/matmul_nbits_helper.h</c>):
    /// <code>
    ///   packed      [N, blocks, 16]            byte i of a block = q[2i] | q[2i+1] &lt;&lt; 4 (low nibble first)
    ///   scales      [N, blocks]
    ///   zeroPoints  [N, ceil(blocks / 2)]      the same nibble packing per row, odd tail's high nibble 0
    ///   dequantized [K, N]                     (q − zero point) · scale, what ORT must multiply by
    /// </code>
    /// Symmetric mode uses zero point 8 and scale max|w|/7; asymmetric mode maps [min, max] onto 0..15.
    /// </summary>
    private static (byte[] Packed, float[] Scales, byte[] ZeroPoints, double[] Dequantized) Quantize4Bit(
        float[] w, int k, int n, bool symmetric)
    {
        int blocks = (k + BlockSize - 1) / BlockSize, zeroPointBytes = (blocks + 1) / 2;
        var packed = new byte[n * blocks * BlockSize / 2];
        var scales = new float[n * blocks];
        var zeroPoints = new byte[n * zeroPointBytes];
        var dequantized = new double[k * n];
        for (int col = 0; col < n; col++)
        for (int block = 0; block < blocks; block++)
        {
            int first = block * BlockSize, last = Math.Min(k, first + BlockSize);
            float min = 0, max = 0, maxAbs = 0;
            for (int row = first; row < last; row++)
            {
                float v = w[row * n + col];
                (min, max, maxAbs) = (Math.Min(min, v), Math.Max(max, v), Math.Max(maxAbs, Math.Abs(v)));
            }
            float scale = symmetric ? maxAbs / 7 : (max - min) / 15;
            int zeroPoint = symmetric ? 8 : Math.Clamp((int)MathF.Round(-min / scale), 0, 15);
            scales[col * blocks + block] = scale;
            zeroPoints[col * zeroPointBytes + block / 2] |= (byte)(zeroPoint << (block % 2 * 4));
            for (int row = first; row < last; row++)
            {
                int q = Math.Clamp((int)MathF.Round(w[row * n + col] / scale) + zeroPoint, 0, 15);
                int i = row - first;
                packed[(col * blocks + block) * BlockSize / 2 + i / 2] |= (byte)(q << (i % 2 * 4));
                dequantized[row * n + col] = (q - zeroPoint) * (double)scale;
            }
        }
        return (packed, scales, zeroPoints, dequantized);
    }

    /// <summary>a [rows, K] · w [K, N] in double.</summary>
    private static double[] Product(float[] a, double[] w, int rows, int k, int n)
    {
        var y = new double[rows * n];
        for (int r = 0; r < rows; r++)
        for (int c = 0; c < n; c++)
        {
            double sum = 0;
            for (int i = 0; i < k; i++) sum += a[r * k + i] * w[i * n + c];
            y[r * n + c] = sum;
        }
        return y;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void MatMulNBits_4bit_matches_the_dequantized_weight_product(bool symmetric)
    {
        const int Batch = 2, M = 5, K = 96, N = 12;                      // K = 3 blocks: odd, so zero points pad
        var data = new SeededData(symmetric ? 501 : 502);
        var a = data.Normal(Batch * M * K);
        var w = data.Normal(K * N, std: 0.5f);
        var (packed, scales, zeroPoints, dequantized) = Quantize4Bit(w, K, N, symmetric);
        int blocks = K / BlockSize;
        var g = new GraphBuilder();
        var x = g.Input("a", ElementType.Float, new Shape(Batch, M, K));
        var b = g.Initializer("w.packed", new ArrayTensorSource<byte>(packed, [N, blocks, BlockSize / 2]));
        var s = g.Initializer("w.scales", new ArrayTensorSource<float>(scales, [N, blocks]));
        var zp = symmetric ? null : g.Initializer("w.zero_points", new ArrayTensorSource<byte>(zeroPoints, [N, (blocks + 1) / 2]));
        g.Output(g.MatMulNBits(x, b, s, zp, K, N, bits: 4, blockSize: BlockSize), "y");
        var model = g.Build();
        Assert.Equal(1, model.CountOps("MatMulNBits"));
        Assert.Equal(0, model.CountOps("MatMul"));

        var (y, shape) = ort.Run(model, symmetric ? "matmulnbits_sym" : "matmulnbits_zp", TestInput.Float("a", a, Batch, M, K));

        Assert.Equal(new long[] { Batch, M, N }, shape);
        Closeness.AssertClose(output, $"MatMulNBits 4-bit {(symmetric ? "zero point 8" : "explicit zero points")}",
            Product(a, dequantized, Batch * M, K, N), y, atol: 1e-5);
    }

    /// <summary>
    /// FLOAT8E4M3FN decoded from its bits (ONNX float8 spec: bias 7, subnormals at exponent 0, S.1111.111 is NaN),
    /// independent of <see cref="Float8Format"/>, which the test uses only to encode.
    /// </summary>
    private static double DecodeE4M3FN(byte bits)
    {
        int exponent = (bits >> 3) & 0xF, mantissa = bits & 0x7;
        Assert.False(exponent == 0xF && mantissa == 0x7, "test data holds a NaN code");
        double magnitude = exponent == 0 ? mantissa / 8.0 * Math.Pow(2, -6) : (1 + mantissa / 8.0) * Math.Pow(2, exponent - 7);
        return (bits & 0x80) != 0 ? -magnitude : magnitude;
    }

    [Fact]
    public void DequantizeLinear_from_float8_with_per_channel_scales_matches_decoded_times_scale()
    {
        const int Batch = 3, C = 8, L = 5;
        var data = new SeededData(503);
        var values = data.Normal(Batch * C * L, std: 40f);
        values[0] = 448; values[1] = -448; values[2] = 1000;          // the largest finite, and saturation to it
        values[3] = 0.004f; values[4] = -0.001953125f; values[5] = 0;  // subnormals (2^-9 is the smallest) and zero
        var codes = new byte[values.Length];
        Float8Format.E4M3FN.Encode(values, codes);
        var scale = data.Uniform(C, 0.01f, 2f);
        // The codes are an initializer, as in every FluxOnnx package: ONNX Runtime's managed API 1.32 cannot open a
        // session whose graph input is float8 ("Unregistered TensorElementType value of: DataTypeMax", measured), and
        // no FluxOnnx graph has one. A float input of zeros is added to keep the graph's output computed at run time.
        var g = new GraphBuilder();
        var codesValue = g.Initializer("x.fp8", new ArrayTensorSource<byte>(codes, [Batch, C, L], ElementType.Float8E4M3FN));
        var zero = g.Input("zero", ElementType.Float, new Shape(1));
        var dequantized = g.DequantizeLinear(codesValue, g.Initializer("scale", new ArrayTensorSource<float>(scale, [C])), axis: 1);
        g.Output(g.Add(dequantized, zero), "y");
        var model = g.Build();
        Assert.Equal(1, model.CountOps("DequantizeLinear"));

        var (y, shape) = ort.Run(model, "dequantize_fp8", TestInput.Float("zero", [0f], 1));

        Assert.Equal(new long[] { Batch, C, L }, shape);
        Assert.Equal(448.0, DecodeE4M3FN(codes[2]));
        var expected = codes.Select((code, i) => DecodeE4M3FN(code) * scale[i / L % C]).ToArray();
        Closeness.AssertClose(output, "DequantizeLinear fp8 per-channel", expected, y, rtol: 1e-6, atol: 0);
    }

    [Fact]
    public void Float8_weight_dequantized_per_output_channel_then_matmul_matches_reference()
    {
        const int M = 6, K = 40, N = 10;
        var data = new SeededData(504);
        var a = data.Normal(M * K);
        var w = data.Normal(K * N, std: 0.2f);
        // Per output channel (axis 1 of [K, N]): scale so each column's max maps to 448.
        var scale = Enumerable.Range(0, N).Select(c => Enumerable.Range(0, K).Max(r => Math.Abs(w[r * N + c])) / 448f).ToArray();
        var codes = new byte[K * N];
        for (int i = 0; i < codes.Length; i++) codes[i] = Float8Format.E4M3FN.Encode(w[i] / scale[i % N]);
        var g = new GraphBuilder();
        var x = g.Input("a", ElementType.Float, new Shape(M, K));
        var weight = g.DequantizeLinear(
            g.Initializer("w.fp8", new ArrayTensorSource<byte>(codes, [K, N], ElementType.Float8E4M3FN)),
            g.Initializer("w.scale", new ArrayTensorSource<float>(scale, [N])), axis: 1);
        g.Output(g.MatMul(x, weight), "y");
        var model = g.Build();
        Assert.Equal(1, model.CountOps("DequantizeLinear"));
        Assert.Equal(1, model.CountOps("MatMul"));

        var (y, _) = ort.Run(model, "dequantize_fp8_matmul", TestInput.Float("a", a, M, K));

        var dequantized = codes.Select((code, i) => DecodeE4M3FN(code) * scale[i % N]).ToArray();
        Closeness.AssertClose(output, "fp8 DequantizeLinear + MatMul", Product(a, dequantized, M, K, N), y, atol: 1e-5);
    }
}
