using FluxOnnx.Sampling;
using FluxOnnx.Tests.TestData;
using Xunit;

namespace FluxOnnx.Tests.Sampling;

public sealed class EulerFlowSamplerTests
{
    [Theory]
    [MemberData(nameof(FixtureCases.Sampling), MemberType = typeof(FixtureCases))]
    public void EveryReferenceStepIsReproducedBitExactly(string caseName)
    {
        var fixture = FixtureTensors.Load(caseName);
        var timesteps = fixture.Manifest.GetProperty("timesteps").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        ISampler sampler = EulerFlowSampler.Instance;

        var x = fixture.F32("img");
        for (var step = 0; step < timesteps.Length - 1; step++)
        {
            var expected = fixture.F32($"latent.step_{step}");
            var fromReference = step == 0 ? fixture.F32("img") : fixture.F32($"latent.step_{step - 1}");
            var pred = fixture.F32($"pred.step_{step}");

            sampler.Step(fromReference, pred, timesteps[step], timesteps[step + 1]);
            Assert.True(FixtureCases.MaxAbsDiff(expected, fromReference) <= 1e-6f);
            Assert.Equal(0, FixtureCases.BitMismatches(expected, fromReference));

            sampler.Step(x, pred, timesteps[step], timesteps[step + 1]); // chained from img
            Assert.Equal(0, FixtureCases.BitMismatches(expected, x));
        }
        Assert.Equal(0, FixtureCases.BitMismatches(fixture.F32("final_packed"), x));
    }

    [Fact]
    public void StepMatchesTheScalarTwoRoundingFormula()
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, 1000).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        var v = Enumerable.Range(0, 1000).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        double t = 0.888641357421875, tNext = 0.7614502906799316;
        var dt = (float)(tNext - t);
        var expected = x.Select((xi, i) => xi + dt * v[i]).ToArray();

        EulerFlowSampler.Instance.Step(x, v, t, tNext);

        Assert.Equal(0, FixtureCases.BitMismatches(expected, x));
    }

    [Fact]
    public void MismatchedLengthsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => EulerFlowSampler.Instance.Step(new float[4], new float[3], 1, 0.5));
    }
}
