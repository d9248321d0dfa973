using FluxOnnx.Latents;
using FluxOnnx.Sampling;
using FluxOnnx.Tests.TestData;
using Xunit;

namespace FluxOnnx.Tests.Sampling;

public sealed class Img2ImgTests
{
    [Fact]
    public void StartIndexAndBlendMatchTheImg2ImgFixture()
    {
        var fixture = FixtureTensors.Load(FixtureCases.Img2Img);
        var manifest = fixture.Manifest;
        var strength = manifest.GetProperty("strength").GetDouble();
        var numSteps = manifest.GetProperty("num_steps").GetInt32();
        // The full unshifted schedule as the reference computed it (BflScheduleTests checks the scheduler against it).
        var full = fixture.F32("timesteps_full");
        Assert.Equal(numSteps + 1, full.Length);

        var tIdx = Img2Img.StartIndex(strength, numSteps);
        Assert.Equal(manifest.GetProperty("t_idx").GetInt32(), tIdx);
        Assert.Equal(manifest.GetProperty("t_start").GetDouble(), (double)full[tIdx]);
        Assert.Equal(0, FixtureCases.BitMismatches(fixture.F32("timesteps"), full.AsSpan(tIdx)));

        var noise = fixture.F32("noise");
        var x0 = fixture.F32("x0");
        var xStart = new float[noise.Length];
        Img2Img.Blend(noise, x0, full[tIdx], xStart);
        Assert.Equal(0, FixtureCases.BitMismatches(fixture.F32("x_start"), xStart));

        // prepare() packs the blended start: img == Pack(x_start).
        Assert.Equal(0, FixtureCases.BitMismatches(fixture.F32("img"), LatentPacking.Pack(xStart, 1, 16, 16, 16)));
    }

    [Theory]
    [InlineData(0.6, 4, 1)]   // int(1.6)
    [InlineData(1.0, 4, 0)]   // full denoise
    [InlineData(0.0, 4, 4)]   // nothing to do
    [InlineData(0.7, 10, 3)]  // (1 - 0.7) * 10 = 3.0000000000000004
    [InlineData(0.9, 10, 0)]  // (1 - 0.9) * 10 = 0.9999999999999998: Python int() gives 0, not 1
    [InlineData(0.8, 50, 9)]  // (1 - 0.8) * 50 = 9.999999999999998
    public void StartIndexFollowsPythonDoubleTruncation(double strength, int numSteps, int expected)
    {
        Assert.Equal(expected, Img2Img.StartIndex(strength, numSteps));
    }

    [Fact]
    public void StrengthOutsideTheUnitIntervalIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Img2Img.StartIndex(1.5, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Img2Img.StartIndex(double.NaN, 4));
    }
}
