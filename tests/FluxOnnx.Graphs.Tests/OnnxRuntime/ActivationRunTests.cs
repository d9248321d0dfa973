using FluxOnnx.Graphs.Building;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Graphs.Tests.OnnxRuntime;

/// <summary>Gelu-20 in both forms against the formulas evaluated in double.</summary>
[Collection(OrtGraphCollection.Name)]
public sealed class ActivationRunTests(OrtGraphFixture ort, ITestOutputHelper output)
{
    /// <summary>erf by its Maclaurin series; for |x| ≤ 3 the terms peak near 1e3, so double keeps ~1e-12 accuracy.</summary>
    private static double Erf(double x)
    {
        Assert.InRange(Math.Abs(x), 0, 3);
        double term = x, sum = x;
        for (int n = 1; n < 200 && Math.Abs(term) > 1e-17; n++)
        {
            term *= -x * x / n;
            sum += term / (2 * n + 1);
        }
        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    [Theory]
    [InlineData("tanh")]
    [InlineData("none")]
    public void Gelu_matches_its_formula(string approximate)
    {
        var data = new SeededData(approximate.Length);
        var x = data.Uniform(3 * 50, -4f, 4f);
        var g = new GraphBuilder();
        g.Output(g.Gelu(g.Input("x", ElementType.Float, new Shape(3, 50)), approximate), "y");
        var model = g.Build();
        Assert.Equal(1, model.CountOps("Gelu"));

        var (y, _) = ort.Run(model, "gelu_" + approximate, TestInput.Float("x", x, 3, 50));

        var expected = x.Select(v => approximate == "tanh"
            ? 0.5 * v * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)))
            : 0.5 * v * (1 + Erf(v / Math.Sqrt(2)))).ToArray();
        Closeness.AssertClose(output, $"Gelu approximate={approximate}", expected, y);
    }

    [Fact]
    public void Reference_erf_matches_a_tabulated_value_and_the_two_gelu_forms_differ()
    {
        // At x = -3 the forms differ by ~3e-4, far beyond the tests' tolerance.
        double v = -3;
        double tanh = 0.5 * v * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
        double exact = 0.5 * v * (1 + Erf(v / Math.Sqrt(2)));
        Assert.True(Math.Abs(tanh - exact) > 1e-4);
        Assert.Equal(-0.0040496, exact, 6);      // Φ(-3)·(-3), tabulated Φ(-3) = 0.0013499
    }
}
