using FluxOnnx.Latents;
using FluxOnnx.Tests.TestData;
using Xunit;

namespace FluxOnnx.Tests.Latents;

public sealed class PositionIdsTests
{
    [Theory]
    [MemberData(nameof(FixtureCases.Sampling), MemberType = typeof(FixtureCases))]
    public void ImageAndTextIdsMatchPrepare(string caseName)
    {
        var fixture = FixtureTensors.Load(caseName);
        Assert.Equal([1, 64, 3], fixture.Shape("img_ids"));
        Assert.Equal(0, FixtureCases.BitMismatches(fixture.F32("img_ids"), PositionIds.ImageIds(8, 8)));

        var txtShape = fixture.Shape("txt_ids"); // [1, L, 3]
        Assert.Equal(0, FixtureCases.BitMismatches(fixture.F32("txt_ids"), PositionIds.TextIds(txtShape[1])));
    }

    [Fact]
    public void KontextReferenceIdsUseFirstAxisOneAndFollowTheTarget()
    {
        var fixture = FixtureTensors.Load(FixtureCases.Kontext);
        var reference = PositionIds.ImageIds(8, 8, PositionIds.KontextReferenceAxis);
        Assert.Equal(0, FixtureCases.BitMismatches(fixture.F32("img_cond_seq_ids"), reference));

        var combined = PositionIds.Concat(PositionIds.ImageIds(8, 8), reference); // [128, 3]
        Assert.Equal(0, FixtureCases.BitMismatches(fixture.F32("model_input.img_ids"), combined));
    }

    [Fact]
    public void RowsAreRowMajorTriples()
    {
        var ids = PositionIds.ImageIds(2, 3, 1);
        Assert.Equal([1f, 0, 0, 1, 0, 1, 1, 0, 2, 1, 1, 0, 1, 1, 1, 1, 1, 2], ids);
    }
}
