using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Graphs.Tests.OnnxRuntime;

[Collection(OrtGraphCollection.Name)]
public sealed class MatMulRunTests(OrtGraphFixture ort, ITestOutputHelper output)
{
    [Fact]
    public void Batched_matmul_with_a_broadcast_weight_matches_reference_loops()
    {
        const int B0 = 2, B1 = 3, M = 4, K = 16, N = 5;
        var data = new SeededData(101);
        var a = data.Normal(B0 * B1 * M * K);
        var w = data.Normal(B1 * K * N);
        var g = new GraphBuilder();
        var x = g.Input("a", ElementType.Float, new Shape(B0, B1, M, K));
        var weight = g.Initializer("w", new ArrayTensorSource<float>(w, [B1, K, N]));
        g.Output(g.MatMul(x, weight), "y");                    // [B0, B1, M, K] × [B1, K, N] → [B0, B1, M, N]
        var model = g.Build();
        Assert.Equal(1, model.CountOps("MatMul"));

        var (y, shape) = ort.Run(model, "matmul_broadcast", TestInput.Float("a", a, B0, B1, M, K));

        Assert.Equal(new long[] { B0, B1, M, N }, shape);
        var expected = new double[B0 * B1 * M * N];
        for (int i = 0; i < B0; i++)
        for (int j = 0; j < B1; j++)
        for (int m = 0; m < M; m++)
        for (int n = 0; n < N; n++)
        {
            double sum = 0;
            for (int k = 0; k < K; k++) sum += (double)a[((i * B1 + j) * M + m) * K + k] * w[(j * K + k) * N + n];
            expected[((i * B1 + j) * M + m) * N + n] = sum;
        }
        Closeness.AssertClose(output, "MatMul broadcast", expected, y, atol: 1e-5);
    }

    [Fact]
    public void Batched_matmul_of_two_inputs_matches_reference_loops()
    {
        const int Batch = 3, M = 7, K = 33, N = 6;
        var data = new SeededData(102);
        var a = data.Normal(Batch * M * K);
        var b = data.Normal(Batch * K * N);
        var g = new GraphBuilder();
        var x = g.Input("a", ElementType.Float, new Shape("batch", M, K));
        var w = g.Input("b", ElementType.Float, new Shape("batch", K, N));
        g.Output(g.MatMul(x, w), "y");
        var model = g.Build();
        Assert.Equal(1, model.CountOps("MatMul"));

        var (y, shape) = ort.Run(model, "matmul_inputs",
            TestInput.Float("a", a, Batch, M, K), TestInput.Float("b", b, Batch, K, N));

        Assert.Equal(new long[] { Batch, M, N }, shape);
        var expected = new double[Batch * M * N];
        for (int i = 0; i < Batch; i++)
        for (int m = 0; m < M; m++)
        for (int n = 0; n < N; n++)
        {
            double sum = 0;
            for (int k = 0; k < K; k++) sum += (double)a[(i * M + m) * K + k] * b[(i * K + k) * N + n];
            expected[(i * M + m) * N + n] = sum;
        }
        Closeness.AssertClose(output, "MatMul batched inputs", expected, y, atol: 1e-5);
    }
}
