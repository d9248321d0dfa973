using FluxOnnx.Latents;
using FluxOnnx.Sampling;
using FluxOnnx.Tests.TestData;
using Xunit;

namespace FluxOnnx.Tests.Sampling;

public sealed class BflScheduleTests
{
    [Theory]
    [InlineData(FixtureCases.Schnell, false)]
    [InlineData(FixtureCases.Img2Img, false)]
    [InlineData(FixtureCases.Fill, true)]
    [InlineData(FixtureCases.Kontext, true)]
    public void ScheduleEqualsTheReferenceExactly(string caseName, bool shift)
    {
        var fixture = FixtureTensors.Load(caseName);
        var manifest = fixture.Manifest;
        var numSteps = manifest.GetProperty("num_steps").GetInt32();
        // img2img stores the unsliced schedule as timesteps_full.
        var key = manifest.TryGetProperty("timesteps_full", out _) ? "timesteps_full" : "timesteps";
        var fullPrecision = manifest.GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var tensor = fixture.F32(key);
        var seq = LatentPacking.TokenCount(16, 16); // 128x128 pixels -> 16x16 latent -> 64 tokens

        var schedule = BflSchedule.GetSchedule(numSteps, seq, shift: shift);
        IScheduler viaInterface = shift ? BflSchedule.Dev : BflSchedule.Schnell;

        Assert.Equal(numSteps + 1, schedule.Length);
        Assert.Equal(0, FixtureCases.BitMismatches(tensor, schedule));
        Assert.Equal(schedule, viaInterface.GetTimesteps(numSteps, seq));
        for (var i = 0; i < schedule.Length; i++)
        {
            Assert.True(Math.Abs(fullPrecision[i] - schedule[i]) <= 1e-7, $"t[{i}] = {schedule[i]:R}, manifest {fullPrecision[i]:R}");
            Assert.Equal(fullPrecision[i], (double)schedule[i]); // the list holds float32 values widened to double
        }
    }

    [Fact]
    public void MuIsLinearInTheImageTokenCount()
    {
        var lin = BflSchedule.GetLinFunction();
        Assert.Equal(0.5, lin(256), 15);
        Assert.Equal(1.15, lin(4096), 15);
        Assert.Equal(0.46749999999999997, lin(64)); // fill/kontext manifests' schedule_note
    }

    [Fact]
    public void TimeShiftKeepsTheEndpointsAndRaisesTheMiddle()
    {
        Assert.Equal(1f, BflSchedule.TimeShift(1.15, 1.0, 1f));
        Assert.Equal(0f, BflSchedule.TimeShift(1.15, 1.0, 0f));
        Assert.True(BflSchedule.TimeShift(1.15, 1.0, 0.5f) > 0.5f);
        // exp(mu) / (exp(mu) + 1) at t = 0.5
        Assert.Equal(Math.Exp(1.15) / (Math.Exp(1.15) + 1), BflSchedule.TimeShift(1.15, 1.0, 0.5f), 6);
    }

    [Fact]
    public void UnshiftedScheduleIsTorchLinspace()
    {
        Assert.Equal([1f, 0.75f, 0.5f, 0.25f, 0f], BflSchedule.GetSchedule(4, 4096, shift: false));
        var fifty = BflSchedule.GetSchedule(50, 4096, shift: true);
        Assert.Equal(51, fifty.Length);
        Assert.Equal(1f, fifty[0]);
        Assert.Equal(0f, fifty[^1]);
        for (var i = 1; i < fifty.Length; i++)
        {
            Assert.True(fifty[i] < fifty[i - 1]);
        }
    }
}
