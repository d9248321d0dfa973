using FluxOnnx.Noise;
using FluxOnnx.Tests.TestData;
using Xunit;

namespace FluxOnnx.Tests.Noise;

public sealed class TorchRandnTests
{
    [Theory]
    [MemberData(nameof(FixtureCases.Sampling), MemberType = typeof(FixtureCases))]
    public void BflGetNoiseIsBitExactForEveryFixtureSeed(string caseName)
    {
        var fixture = FixtureTensors.Load(caseName);
        var seed = fixture.Manifest.GetProperty("seed").GetUInt64();
        var height = fixture.Manifest.GetProperty("image_height").GetInt32();
        var width = fixture.Manifest.GetProperty("image_width").GetInt32();
        var expected = fixture.F32("noise");

        Assert.Equal(fixture.Shape("noise"), FluxNoise.Shape(1, height, width));
        var noise = FluxNoise.GetNoise(1, height, width, seed);

        Assert.Equal(0, FixtureCases.BitMismatches(expected, noise));
    }

    [Fact]
    public void SmallTensorsUseTheCachedDoubleBoxMuller()
    {
        // torch.manual_seed(0); torch.randn(2, 3) and torch.manual_seed(42); torch.randn(2, 3), as printed (4 decimals).
        AssertClose([1.5410f, -0.2934f, -2.1788f, 0.5684f, -1.0845f, -1.3986f], TorchRandn.Randn([2, 3], 0, RandnDType.Float32), 6e-5f);
        AssertClose([0.3367f, 0.1288f, 0.2345f, 0.2303f, -1.1229f, -0.1863f], TorchRandn.Randn([2, 3], 42, RandnDType.Float32), 6e-5f);
    }

    [Fact]
    public void Float32BlocksMatchTorchToPrintedPrecision()
    {
        // torch.manual_seed(0); torch.randn(4, 4): 16 elements, the normal_fill path.
        float[] expected =
        [
            -1.1258f, -1.1524f, -0.2506f, -0.4339f, 0.8487f, 0.6920f, -0.3160f, -2.1152f,
            0.3223f, -1.2633f, 0.3500f, 0.3081f, 0.1198f, 1.2377f, 1.1168f, -0.2473f,
        ];
        AssertClose(expected, TorchRandn.Randn([4, 4], 0, RandnDType.Float32), 6e-5f);
    }

    [Fact]
    public void BatchIsOneStreamWhosePrefixIsTheSingleImageNoise()
    {
        var single = FixtureTensors.Load(FixtureCases.Schnell).F32("noise"); // BFL get_noise(1, 128, 128, seed 42)
        var batch = FluxNoise.GetNoise(2, 128, 128, 42);
        Assert.Equal(2 * single.Length, batch.Length);
        Assert.Equal(0, FixtureCases.BitMismatches(single, batch.AsSpan(0, single.Length)));

        // Item 1 continues the stream: it is neither a second copy of seed 42's noise nor the noise of seed 43.
        Assert.NotEqual(0, FixtureCases.BitMismatches(single, batch.AsSpan(single.Length)));
        Assert.NotEqual(0, FixtureCases.BitMismatches(FluxNoise.GetNoise(1, 128, 128, 43), batch.AsSpan(single.Length)));
    }

    [Fact]
    public void PerSeedDrawsStackSingleImageNoises()
    {
        var schnell = FixtureTensors.Load(FixtureCases.Schnell).F32("noise"); // seed 42
        var fill = FixtureTensors.Load(FixtureCases.Fill).F32("noise"); // seed 101
        var stacked = FluxNoise.GetNoisePerSeed([42, 101], 128, 128);
        Assert.Equal(2 * fill.Length, stacked.Length);
        Assert.Equal(0, FixtureCases.BitMismatches(schnell, stacked.AsSpan(0, schnell.Length)));
        Assert.Equal(0, FixtureCases.BitMismatches(fill, stacked.AsSpan(fill.Length)));
    }

    [Fact]
    public void TailRedrawsTheLastSixteenWithFreshUniforms()
    {
        // n = 20: 20 uniforms, block [0, 16) transformed, then 16 fresh uniforms for [4, 20): 36 draws in all.
        var generator = new TorchCpuGenerator(5);
        var values = new float[20];
        TorchRandn.Fill(values, generator, RandnDType.BFloat16);

        var firstBlock = TorchRandn.Randn([16], 5, RandnDType.BFloat16);
        Assert.Equal(0, FixtureCases.BitMismatches(firstBlock.AsSpan(0, 4), values.AsSpan(0, 4)));
        Assert.All(values, v => Assert.Equal(v, BFloat16Exact(v)));

        var engine = new Mt19937(5);
        for (var i = 0; i < 36; i++)
        {
            engine.NextUInt32();
        }
        Assert.Equal(engine.NextUInt32(), generator.Random());
    }

    [Fact]
    public void BFloat16ValuesAreBf16ExactAndHaveUnitScale()
    {
        var noise = FluxNoise.GetNoise(1, 256, 256, 1234);
        Assert.Equal(16 * 32 * 32, noise.Length);
        Assert.All(noise, v => Assert.Equal(v, BFloat16Exact(v)));
        var mean = noise.Average();
        var variance = noise.Select(v => (v - mean) * (v - mean)).Average();
        Assert.InRange(mean, -0.05, 0.05);
        Assert.InRange(variance, 0.9, 1.1);
    }

    private static float BFloat16Exact(float value) =>
        BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(value) & 0xFFFF0000);

    private static void AssertClose(float[] expected, float[] actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"index {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
