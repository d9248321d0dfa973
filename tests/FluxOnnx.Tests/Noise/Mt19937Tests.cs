using FluxOnnx.Noise;
using Xunit;

namespace FluxOnnx.Tests.Noise;

public sealed class Mt19937Tests
{
    [Fact]
    public void DefaultSeedMatchesTheStandardMt19937Sequence()
    {
        // C++ [rand.predef]: the 10000th consecutive output of a default-constructed std::mt19937 is 4123659995;
        // its first output is 3499211612.
        var engine = new Mt19937();
        Assert.Equal(3499211612u, engine.NextUInt32());
        uint value = 0;
        for (var i = 1; i < 10000; i++)
        {
            value = engine.NextUInt32();
        }
        Assert.Equal(4123659995u, value);
    }

    [Fact]
    public void OnlyTheLow32BitsOfTheSeedShapeTheStream()
    {
        var low = new Mt19937(42);
        var high = new Mt19937((1UL << 32) | 42);
        for (var i = 0; i < 700; i++)
        {
            Assert.Equal(low.NextUInt32(), high.NextUInt32());
        }
        Assert.Equal((1UL << 32) | 42, high.Seed);
    }

    [Fact]
    public void GeneratorJoinsTwoDrawsHighFirstForRandom64()
    {
        var reference = new Mt19937(7);
        var generator = new TorchCpuGenerator(7);
        ulong hi = reference.NextUInt32();
        ulong lo = reference.NextUInt32();
        Assert.Equal((hi << 32) | lo, generator.Random64());
        Assert.Equal(reference.NextUInt32(), generator.Random());
    }

    [Fact]
    public void UniformsKeepTheDtypeMantissaBitsOfOneDraw()
    {
        var reference = new Mt19937(123);
        var generator = new TorchCpuGenerator(123);
        Assert.Equal((reference.NextUInt32() & 0xFFFFFF) / 16777216f, generator.UniformFloat());
        Assert.Equal((reference.NextUInt32() & 0xFF) / 256f, generator.UniformBFloat16());
        ulong hi = reference.NextUInt32();
        ulong lo = reference.NextUInt32();
        Assert.Equal((((hi << 32) | lo) & ((1UL << 53) - 1)) / 9007199254740992.0, generator.UniformDouble());
    }
}
