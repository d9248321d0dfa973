using FluxOnnx.Latents;
using FluxOnnx.Tests.TestData;
using Xunit;

namespace FluxOnnx.Tests.Latents;

public sealed class LatentPackingTests
{
    [Theory]
    [InlineData(FixtureCases.Schnell)]
    [InlineData(FixtureCases.Fill)]
    [InlineData(FixtureCases.Kontext)]
    public void PackedNoiseIsThePreparedImg(string caseName)
    {
        var fixture = FixtureTensors.Load(caseName);
        Assert.Equal([1, 16, 16, 16], fixture.Shape("noise"));
        Assert.Equal([1, 64, 64], fixture.Shape("img"));

        var packed = LatentPacking.Pack(fixture.F32("noise"), 1, 16, 16, 16); // [1,16,16,16] -> [1,64,64]

        Assert.Equal(0, FixtureCases.BitMismatches(fixture.F32("img"), packed));
    }

    [Theory]
    [MemberData(nameof(FixtureCases.Sampling), MemberType = typeof(FixtureCases))]
    public void UnpackOfTheFinalLatentIsTheReferenceUnpack(string caseName)
    {
        var fixture = FixtureTensors.Load(caseName);
        var unpacked = LatentPacking.Unpack(fixture.F32("final_packed"), 1, 16, 16, 16); // [1,64,64] -> [1,16,16,16]
        Assert.Equal(0, FixtureCases.BitMismatches(fixture.F32("final_unpacked"), unpacked));
    }

    [Fact]
    public void KontextReferenceLatentPacksToImgCondSeq()
    {
        var fixture = FixtureTensors.Load(FixtureCases.Kontext);
        var packed = LatentPacking.Pack(fixture.F32("reference_latent"), 1, 16, 16, 16);
        Assert.Equal(0, FixtureCases.BitMismatches(fixture.F32("img_cond_seq"), packed));
    }

    [Fact]
    public void PackedChannelIsCTimesFourPlusPhTimesTwoPlusPw()
    {
        // [B=2, C=3, H=4, W=6] holding each element's own flat index.
        const int B = 2, C = 3, H = 4, W = 6;
        var latent = Enumerable.Range(0, B * C * H * W).Select(i => (float)i).ToArray();
        var packed = LatentPacking.Pack(latent, B, C, H, W); // [2, 2*3, 12]
        for (var b = 0; b < B; b++)
        for (var i = 0; i < H / 2; i++)
        for (var j = 0; j < W / 2; j++)
        for (var c = 0; c < C; c++)
        for (var ph = 0; ph < 2; ph++)
        for (var pw = 0; pw < 2; pw++)
        {
            var token = i * (W / 2) + j;
            var packedIndex = (b * (H / 2) * (W / 2) + token) * (C * 4) + c * 4 + ph * 2 + pw;
            var latentIndex = ((b * C + c) * H + 2 * i + ph) * W + 2 * j + pw;
            Assert.Equal(latentIndex, packed[packedIndex]);
        }

        Assert.Equal(latent, LatentPacking.Unpack(packed, B, C, H, W));
    }

    [Fact]
    public void OddSizesAndWrongLengthsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => LatentPacking.Pack(new float[16 * 3 * 4], 1, 16, 3, 4));
        Assert.Throws<ArgumentException>(() => LatentPacking.Pack(new float[10], 1, 16, 2, 2));
    }
}
