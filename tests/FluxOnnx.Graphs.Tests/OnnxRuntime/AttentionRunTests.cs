using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Graphs.Tests.OnnxRuntime;

/// <summary>
/// com.microsoft MultiHeadAttention (3-D, heads packed in the hidden axis) and ai.onnx Attention-23 (4-D) against a
/// softmax(q·kᵀ·scale + bias)·v written out per batch and head in double.
/// </summary>
[Collection(OrtGraphCollection.Name)]
public sealed class AttentionRunTests(OrtGraphFixture ort, ITestOutputHelper output)
{
    private const int B = 2, N = 3, H = 8;

    /// <summary>
    /// Reference attention with element accessors, so each test keeps its own layout. <paramref name="bias"/> returns
    /// the additive logit bias for (b, n, i, j), or −∞ for a masked pair. Result is [B, N, Sq, H] row-major.
    /// </summary>
    private static double[] Reference(int sq, int skv, double scale,
        Func<int, int, int, int, float> q, Func<int, int, int, int, float> k, Func<int, int, int, int, float> v,
        Func<int, int, int, int, double> bias)
    {
        var result = new double[B * N * sq * H];
        var logits = new double[skv];
        for (int b = 0; b < B; b++)
        for (int n = 0; n < N; n++)
        for (int i = 0; i < sq; i++)
        {
            double max = double.NegativeInfinity;
            for (int j = 0; j < skv; j++)
            {
                double dot = 0;
                for (int h = 0; h < H; h++) dot += (double)q(b, n, i, h) * k(b, n, j, h);
                logits[j] = dot * scale + bias(b, n, i, j);
                max = Math.Max(max, logits[j]);
            }
            double total = 0;
            for (int j = 0; j < skv; j++) total += logits[j] = Math.Exp(logits[j] - max);
            for (int h = 0; h < H; h++)
            {
                double sum = 0;
                for (int j = 0; j < skv; j++) sum += logits[j] / total * v(b, n, j, h);
                result[((b * N + n) * sq + i) * H + h] = sum;
            }
        }
        return result;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MultiHeadAttention_3d_matches_reference(bool withAttentionBias)
    {
        const int Sq = 5, Skv = 7;
        var data = new SeededData(withAttentionBias ? 202 : 201);
        float[] q = data.Normal(B * Sq * N * H), k = data.Normal(B * Skv * N * H), v = data.Normal(B * Skv * N * H);
        float[] attentionBias = data.Normal(N * Sq * Skv, std: 2f);          // [1, N, Sq, Skv], broadcast over batch
        var g = new GraphBuilder();
        var qv = g.Input("q", ElementType.Float, new Shape(B, Sq, N * H));
        var kv = g.Input("k", ElementType.Float, new Shape(B, Skv, N * H));
        var vv = g.Input("v", ElementType.Float, new Shape(B, Skv, N * H));
        var biasValue = withAttentionBias
            ? g.Initializer("attention_bias", new ArrayTensorSource<float>(attentionBias, [1, N, Sq, Skv]))
            : null;
        g.Output(g.MultiHeadAttention(qv, kv, vv, N, attentionBias: biasValue), "y");
        var model = g.Build();
        Assert.Equal(1, model.CountOps("MultiHeadAttention"));

        var (y, shape) = ort.Run(model, withAttentionBias ? "mha_bias" : "mha",
            TestInput.Float("q", q, B, Sq, N * H), TestInput.Float("k", k, B, Skv, N * H), TestInput.Float("v", v, B, Skv, N * H));

        Assert.Equal(new long[] { B, Sq, N * H }, shape);
        // Heads live in the hidden axis: element (b, s, n·H + h).
        var heads = Reference(Sq, Skv, 1 / Math.Sqrt(H),
            (b, n, s, h) => q[(b * Sq + s) * N * H + n * H + h],
            (b, n, s, h) => k[(b * Skv + s) * N * H + n * H + h],
            (b, n, s, h) => v[(b * Skv + s) * N * H + n * H + h],
            (_, n, i, j) => withAttentionBias ? attentionBias[(n * Sq + i) * Skv + j] : 0);
        var expected = new double[B * Sq * N * H];
        for (int b = 0; b < B; b++)
        for (int n = 0; n < N; n++)
        for (int s = 0; s < Sq; s++)
        for (int h = 0; h < H; h++)
            expected[(b * Sq + s) * N * H + n * H + h] = heads[((b * N + n) * Sq + s) * H + h];
        Closeness.AssertClose(output, withAttentionBias ? "MultiHeadAttention + bias" : "MultiHeadAttention", expected, y);
    }

    [Fact]
    public void Attention_4d_with_scale_and_causal_flag_matches_reference()
    {
        const int S = 6;
        const float Scale = 0.3f;
        var data = new SeededData(203);
        float[] q = data.Normal(B * N * S * H), k = data.Normal(B * N * S * H), v = data.Normal(B * N * S * H);
        var g = new GraphBuilder();
        var shape4 = new Shape(B, N, S, H);
        var y0 = g.Attention(g.Input("q", ElementType.Float, shape4), g.Input("k", ElementType.Float, shape4),
            g.Input("v", ElementType.Float, shape4), scale: Scale, isCausal: true);
        g.Output(y0, "y");
        var model = g.Build();
        Assert.Equal(1, model.CountOps("Attention"));
        Assert.Equal(1, model.Proto.Graph.Node.Single().Attribute.Single(a => a.Name == "is_causal").I);

        var (y, shape) = ort.Run(model, "attention_causal",
            TestInput.Float("q", q, B, N, S, H), TestInput.Float("k", k, B, N, S, H), TestInput.Float("v", v, B, N, S, H));

        Assert.Equal(new long[] { B, N, S, H }, shape);
        int At(int b, int n, int s, int h) => ((b * N + n) * S + s) * H + h;
        var expected = Reference(S, S, Scale,
            (b, n, s, h) => q[At(b, n, s, h)], (b, n, s, h) => k[At(b, n, s, h)], (b, n, s, h) => v[At(b, n, s, h)],
            (_, _, i, j) => j <= i ? 0 : double.NegativeInfinity);
        Closeness.AssertClose(output, "Attention causal, scale 0.3", expected, y);
    }

    [Fact]
    public void Attention_4d_with_boolean_mask_matches_reference()
    {
        const int Sq = 4, Skv = 9;
        var data = new SeededData(204);
        float[] q = data.Normal(B * N * Sq * H), k = data.Normal(B * N * Skv * H), v = data.Normal(B * N * Skv * H);
        var mask = data.Bools(B * Sq * Skv, pTrue: 0.6);                 // [B, 1, Sq, Skv]: true keeps
        for (int row = 0; row < B * Sq; row++) mask[row * Skv + data.Next(Skv)] = true;  // no fully masked row
        var g = new GraphBuilder();
        var y0 = g.Attention(g.Input("q", ElementType.Float, new Shape(B, N, Sq, H)),
            g.Input("k", ElementType.Float, new Shape(B, N, Skv, H)), g.Input("v", ElementType.Float, new Shape(B, N, Skv, H)),
            attnMask: g.Input("mask", ElementType.Bool, new Shape(B, 1, Sq, Skv)));
        g.Output(y0, "y");
        var model = g.Build();
        Assert.Equal(1, model.CountOps("Attention"));

        var (y, shape) = ort.Run(model, "attention_mask",
            TestInput.Float("q", q, B, N, Sq, H), TestInput.Float("k", k, B, N, Skv, H), TestInput.Float("v", v, B, N, Skv, H),
            TestInput.Bool("mask", mask, B, 1, Sq, Skv));

        Assert.Equal(new long[] { B, N, Sq, H }, shape);
        var expected = Reference(Sq, Skv, 1 / Math.Sqrt(H),
            (b, n, s, h) => q[((b * N + n) * Sq + s) * H + h],
            (b, n, s, h) => k[((b * N + n) * Skv + s) * H + h],
            (b, n, s, h) => v[((b * N + n) * Skv + s) * H + h],
            (b, _, i, j) => mask[(b * Sq + i) * Skv + j] ? 0 : double.NegativeInfinity);
        Closeness.AssertClose(output, "Attention boolean mask", expected, y);
    }
}
