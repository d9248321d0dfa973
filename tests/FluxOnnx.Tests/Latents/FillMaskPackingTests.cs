using FluxOnnx.Latents;
using FluxOnnx.Tests.TestData;
using Xunit;

namespace FluxOnnx.Tests.Latents;

public sealed class FillMaskPackingTests
{
    [Theory]
    [InlineData(FixtureCases.Fill)]
    [InlineData("fill_forward_b1_128x128")]
    public void ImgCondIsPackedMaskedLatentThenPackedMask(string caseName)
    {
        var fixture = FixtureTensors.Load(caseName);
        Assert.Equal([1, 64, 320], fixture.Shape("img_cond"));
        Assert.Equal([128, 128], fixture.Shape("mask_uint8"));

        var latentPart = LatentPacking.Pack(fixture.F32("masked_latent"), 1, 16, 16, 16); // [1, 64, 64]
        var mask = FillMaskPacking.FromBytes(fixture.U8("mask_uint8"));                   // [1, 128, 128]
        var maskPart = FillMaskPacking.Pack(mask, 1, 128, 128, 8);                        // [1, 64, 256]
        Assert.Equal(64 * FillMaskPacking.PackedChannels(8), maskPart.Length);

        var imgCond = PackedChannels.Concat(64, latentPart, maskPart);                    // [1, 64, 320]

        Assert.Equal(0, FixtureCases.BitMismatches(fixture.F32("img_cond"), imgCond));
    }

    [Fact]
    public void PackedMaskChannelFollowsTheDocumentedFormula()
    {
        // 32x32 mask holding each pixel's own flat index: token (h2, w2) channel k =
        // mask[(2*h2 + ph)*8 + py, (2*w2 + pw)*8 + px] with c, r = divmod(k, 4); ph, pw = divmod(r, 2); py, px = divmod(c, 8).
        const int H = 32, W = 32;
        var mask = Enumerable.Range(0, H * W).Select(i => (float)i).ToArray();
        var packed = FillMaskPacking.Pack(mask, 1, H, W, 8); // [1, 4, 256]
        for (var h2 = 0; h2 < H / 16; h2++)
        for (var w2 = 0; w2 < W / 16; w2++)
        for (var k = 0; k < 256; k++)
        {
            int c = k / 4, r = k % 4, ph = r / 2, pw = r % 2, py = c / 8, px = c % 8;
            var row = (2 * h2 + ph) * 8 + py;
            var col = (2 * w2 + pw) * 8 + px;
            Assert.Equal(row * W + col, packed[(h2 * (W / 16) + w2) * 256 + k]);
        }
    }

    [Fact]
    public void PackedMaskFollowsTheBlockEdgeOfAnotherDownsample()
    {
        // 8 x 8 mask of flat indices, block 4: one token; channel k = mask[(2·0 + ph)·4 + py, (2·0 + pw)·4 + px] with
        // c, r = divmod(k, 4); ph, pw = divmod(r, 2); py, px = divmod(c, 4).
        var mask = Enumerable.Range(0, 64).Select(i => (float)i).ToArray();
        var packed = FillMaskPacking.Pack(mask, 1, 8, 8, 4);

        Assert.Equal(64, FillMaskPacking.PackedChannels(4));
        Assert.Equal(64, packed.Length);
        Assert.Equal([0f, 4, 32, 36, 1, 5, 33, 37], packed[..8]);
        Assert.Equal(41f, packed[22]);  // c = 5 (py 1, px 1), r = 2 (ph 1, pw 0): mask[5, 1]
        Assert.Equal(63f, packed[^1]); // c = 15 (py 3, px 3), r = 3 (ph 1, pw 1): mask[7, 7]
    }

    [Fact]
    public void ConcatInterleavesRowsOfEachPart()
    {
        var a = new float[] { 1, 2, 3, 4 };        // [2, 2]
        var b = new float[] { 10, 20, 30, 40, 50, 60 }; // [2, 3]
        Assert.Equal([1f, 2, 10, 20, 30, 3, 4, 40, 50, 60], PackedChannels.Concat(2, a, b));
        Assert.Throws<ArgumentException>(() => PackedChannels.Concat(4, a, new float[6]));
    }
}
