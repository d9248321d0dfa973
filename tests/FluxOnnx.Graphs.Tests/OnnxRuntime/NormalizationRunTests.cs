using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Graphs.Tests.OnnxRuntime;

/// <summary>RMS, layer and group normalization against per-row means and variances computed in double.</summary>
[Collection(OrtGraphCollection.Name)]
public sealed class NormalizationRunTests(OrtGraphFixture ort, ITestOutputHelper output)
{
    private const int Rows = 2 * 5, D = 16;

    /// <summary>x / sqrt(mean(x²) + eps) · scale over the last axis of [rows, D].</summary>
    private static double[] RmsReference(float[] x, float[] scale, double epsilon)
    {
        var y = new double[x.Length];
        for (int r = 0; r < Rows; r++)
        {
            double meanSquare = 0;
            for (int d = 0; d < D; d++) meanSquare += (double)x[r * D + d] * x[r * D + d];
            double inverse = 1 / Math.Sqrt(meanSquare / D + epsilon);
            for (int d = 0; d < D; d++) y[r * D + d] = x[r * D + d] * inverse * scale[d];
        }
        return y;
    }

    [Theory]
    [InlineData("RMSNormalization")]
    [InlineData("SimplifiedLayerNormalization")]
    public void Rms_normalization_over_the_last_axis_matches_reference(string opType)
    {
        const float Epsilon = 1e-6f;
        var data = new SeededData(opType.Length);
        float[] x = data.Normal(Rows * D, std: 3f), scale = data.Uniform(D, 0.5f, 1.5f);
        var g = new GraphBuilder();
        var xv = g.Input("x", ElementType.Float, new Shape(2, 5, D));
        var scaleValue = g.Initializer("scale", new ArrayTensorSource<float>(scale, [D]));
        g.Output(opType == "RMSNormalization"
            ? g.RmsNormalization(xv, scaleValue, epsilon: Epsilon)
            : g.SimplifiedLayerNormalization(xv, scaleValue, epsilon: Epsilon), "y");
        var model = g.Build();
        Assert.Equal(1, model.CountOps(opType));

        var (y, shape) = ort.Run(model, opType, TestInput.Float("x", x, 2, 5, D));

        Assert.Equal(new long[] { 2, 5, D }, shape);
        Closeness.AssertClose(output, opType, RmsReference(x, scale, Epsilon), y);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Layer_normalization_matches_reference(bool withBias)
    {
        const float Epsilon = 1e-5f;
        var data = new SeededData(withBias ? 301 : 302);
        float[] x = data.Normal(Rows * D, std: 2f), scale = data.Uniform(D, 0.5f, 1.5f), bias = data.Normal(D);
        for (int i = 0; i < x.Length; i++) x[i] += 1.5f;                 // a non-zero mean to subtract
        var g = new GraphBuilder();
        var xv = g.Input("x", ElementType.Float, new Shape(2, 5, D));
        var biasValue = withBias ? g.Initializer("bias", new ArrayTensorSource<float>(bias, [D])) : null;
        g.Output(g.LayerNormalization(xv, g.Initializer("scale", new ArrayTensorSource<float>(scale, [D])), biasValue,
            epsilon: Epsilon), "y");
        var model = g.Build();
        Assert.Equal(1, model.CountOps("LayerNormalization"));

        var (y, _) = ort.Run(model, withBias ? "layernorm_bias" : "layernorm", TestInput.Float("x", x, 2, 5, D));

        var expected = new double[x.Length];
        for (int r = 0; r < Rows; r++)
        {
            double mean = 0, variance = 0;
            for (int d = 0; d < D; d++) mean += x[r * D + d];
            mean /= D;
            for (int d = 0; d < D; d++) variance += (x[r * D + d] - mean) * (x[r * D + d] - mean);
            double inverse = 1 / Math.Sqrt(variance / D + Epsilon);
            for (int d = 0; d < D; d++)
                expected[r * D + d] = (x[r * D + d] - mean) * inverse * scale[d] + (withBias ? bias[d] : 0);
        }
        Closeness.AssertClose(output, withBias ? "LayerNormalization + bias" : "LayerNormalization", expected, y);
    }

    [Fact]
    public void Group_normalization_21_with_per_channel_affine_matches_reference()
    {
        const int Batch = 2, C = 6, Groups = 3, Hh = 4, W = 5, Spatial = Hh * W, PerGroup = C / Groups;
        const float Epsilon = 1e-5f;
        var data = new SeededData(303);
        float[] x = data.Normal(Batch * C * Spatial, std: 2f), scale = data.Uniform(C, 0.5f, 1.5f), bias = data.Normal(C);
        var g = new GraphBuilder();
        var xv = g.Input("x", ElementType.Float, new Shape(Batch, C, Hh, W));
        g.Output(g.GroupNormalization(xv, g.Initializer("scale", new ArrayTensorSource<float>(scale, [C])),
            g.Initializer("bias", new ArrayTensorSource<float>(bias, [C])), Groups, Epsilon), "y");
        var model = g.Build();
        Assert.Equal(1, model.CountOps("GroupNormalization"));
        Assert.True(model.Proto.OpsetImport.Single(o => o.Domain == "").Version >= 21);

        var (y, shape) = ort.Run(model, "groupnorm", TestInput.Float("x", x, Batch, C, Hh, W));

        Assert.Equal(new long[] { Batch, C, Hh, W }, shape);
        var expected = new double[x.Length];
        for (int b = 0; b < Batch; b++)
        for (int group = 0; group < Groups; group++)
        {
            int start = (b * C + group * PerGroup) * Spatial, count = PerGroup * Spatial;   // a group is contiguous in NCHW
            double mean = 0, variance = 0;
            for (int i = 0; i < count; i++) mean += x[start + i];
            mean /= count;
            for (int i = 0; i < count; i++) variance += (x[start + i] - mean) * (x[start + i] - mean);
            double inverse = 1 / Math.Sqrt(variance / count + Epsilon);
            for (int i = 0; i < count; i++)
            {
                int c = group * PerGroup + i / Spatial;
                expected[start + i] = (x[start + i] - mean) * inverse * scale[c] + bias[c];
            }
        }
        Closeness.AssertClose(output, "GroupNormalization", expected, y);
    }
}
