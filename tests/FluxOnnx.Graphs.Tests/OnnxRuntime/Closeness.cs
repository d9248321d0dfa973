using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Graphs.Tests.OnnxRuntime;

/// <summary>
/// Element-wise comparison of a runtime result with a reference computed in double:
/// |actual − expected| ≤ atol + rtol·|expected| for every element. Writes the largest absolute and relative errors to
/// the test output so the margins are visible (<c>dotnet test --logger "console;verbosity=detailed"</c>).
/// </summary>
public static class Closeness
{
    public static void AssertClose(
        ITestOutputHelper output, string label, double[] expected, float[] actual, double rtol = 1e-5, double atol = 1e-6)
    {
        Assert.Equal(expected.Length, actual.Length);
        double maxAbs = 0, maxRel = 0;
        int worst = -1;
        double worstExcess = double.NegativeInfinity;
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.False(float.IsNaN(actual[i]), $"{label}: element {i} is NaN");
            double error = Math.Abs(actual[i] - expected[i]);
            maxAbs = Math.Max(maxAbs, error);
            if (Math.Abs(expected[i]) > 1e-3) maxRel = Math.Max(maxRel, error / Math.Abs(expected[i]));
            double excess = error - (atol + rtol * Math.Abs(expected[i]));
            if (excess > worstExcess)
            {
                worstExcess = excess;
                worst = i;
            }
        }
        output.WriteLine($"{label}: {expected.Length} elements, max abs error {maxAbs:E2}, max rel error {maxRel:E2} (|expected| > 1e-3)");
        Assert.True(worstExcess <= 0,
            $"{label}: element {worst} is {actual[worst]:R}, expected {expected[worst]:R} (atol {atol}, rtol {rtol}); max abs error {maxAbs:E3}");
    }
}
