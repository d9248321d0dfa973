using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Graphs.Tests.OnnxRuntime;

/// <summary>The autoencoder's spatial ops: a strided, padded Conv and the nearest ×2 upsample.</summary>
[Collection(OrtGraphCollection.Name)]
public sealed class ConvResizeRunTests(OrtGraphFixture ort, ITestOutputHelper output)
{
    [Fact]
    public void Conv_3x3_pad_1_stride_2_with_bias_matches_direct_convolution()
    {
        const int Batch = 2, C = 3, Hin = 9, Win = 8, M = 4, Kh = 3, Kw = 3;
        const int Hout = (Hin + 2 - Kh) / 2 + 1, Wout = (Win + 2 - Kw) / 2 + 1;     // 5 × 4
        var data = new SeededData(401);
        float[] x = data.Normal(Batch * C * Hin * Win), w = data.Normal(M * C * Kh * Kw), bias = data.Normal(M);
        var g = new GraphBuilder();
        var xv = g.Input("x", ElementType.Float, new Shape(Batch, C, Hin, Win));
        var y0 = g.Conv(xv, g.Initializer("w", new ArrayTensorSource<float>(w, [M, C, Kh, Kw])),
            g.Initializer("b", new ArrayTensorSource<float>(bias, [M])), strides: [2, 2], pads: [1, 1, 1, 1]);
        Assert.Equal(new Shape(Batch, M, Hout, Wout), y0.Shape);
        g.Output(y0, "y");
        var model = g.Build();
        Assert.Equal(1, model.CountOps("Conv"));

        var (y, shape) = ort.Run(model, "conv_stride2", TestInput.Float("x", x, Batch, C, Hin, Win));

        Assert.Equal(new long[] { Batch, M, Hout, Wout }, shape);
        var expected = new double[Batch * M * Hout * Wout];
        for (int b = 0; b < Batch; b++)
        for (int m = 0; m < M; m++)
        for (int oy = 0; oy < Hout; oy++)
        for (int ox = 0; ox < Wout; ox++)
        {
            double sum = bias[m];
            for (int c = 0; c < C; c++)
            for (int ky = 0; ky < Kh; ky++)
            for (int kx = 0; kx < Kw; kx++)
            {
                int iy = oy * 2 - 1 + ky, ix = ox * 2 - 1 + kx;                // stride 2, top/left pad 1
                if (iy < 0 || iy >= Hin || ix < 0 || ix >= Win) continue;       // zero padding
                sum += (double)x[((b * C + c) * Hin + iy) * Win + ix] * w[((m * C + c) * Kh + ky) * Kw + kx];
            }
            expected[((b * M + m) * Hout + oy) * Wout + ox] = sum;
        }
        Closeness.AssertClose(output, "Conv 3x3 s2 p1", expected, y, atol: 1e-5);
    }

    [Fact]
    public void Resize_nearest_times_two_repeats_each_pixel_in_a_2x2_block()
    {
        const int C = 2, Hin = 3, Win = 4;
        var x = new SeededData(402).Normal(C * Hin * Win);
        var g = new GraphBuilder();
        g.Output(g.ResizeNearest(g.Input("x", ElementType.Float, new Shape(1, C, Hin, Win)), 1, 1, 2, 2), "y");
        var model = g.Build();
        Assert.Equal(1, model.CountOps("Resize"));

        var (y, shape) = ort.Run(model, "resize_nearest", TestInput.Float("x", x, 1, C, Hin, Win));

        Assert.Equal(new long[] { 1, C, 2 * Hin, 2 * Win }, shape);
        var expected = new double[C * 4 * Hin * Win];
        for (int c = 0; c < C; c++)
        for (int i = 0; i < 2 * Hin; i++)
        for (int j = 0; j < 2 * Win; j++)
            expected[(c * 2 * Hin + i) * 2 * Win + j] = x[(c * Hin + i / 2) * Win + j / 2];
        Closeness.AssertClose(output, "Resize nearest x2", expected, y, rtol: 0, atol: 0);   // a copy: exact
    }
}
