using FluxOnnx.Tools.Comparison;
using Xunit;

namespace FluxOnnx.Tools.Tests.Comparison;

public sealed class ErrorAccumulatorTests
{
    [Fact]
    public void Known_vectors_give_hand_computed_max_mean_and_cosine()
    {
        var e = ErrorAccumulator.Of("x", [1f, 2f, 3f], [1f, 2f, 4f]);
        Assert.Equal(3, e.Elements);
        Assert.Equal(1.0, e.MaxAbsError);
        Assert.Equal(1.0 / 3, e.MeanAbsError, 15);
        // (1 + 4 + 12) / (√14 · √21) = 17 / √294.
        Assert.Equal(0.9914601339836673, e.CosineSimilarity, 14);
    }

    [Fact]
    public void Orthogonal_opposite_and_zero_vectors()
    {
        Assert.Equal(0.0, ErrorAccumulator.Of("x", [1f, 0f], [0f, 1f]).CosineSimilarity);
        var opposite = ErrorAccumulator.Of("x", [1f, 2f], [-1f, -2f]);
        Assert.Equal(-1.0, opposite.CosineSimilarity, 15);
        Assert.Equal(4.0, opposite.MaxAbsError);
        Assert.Equal(3.0, opposite.MeanAbsError);
        Assert.Equal(1.0, ErrorAccumulator.Of("x", [0f, 0f], [0f, 0f]).CosineSimilarity);
        Assert.Equal(0.0, ErrorAccumulator.Of("x", [0f, 0f], [1f, 0f]).CosineSimilarity);
    }

    [Fact]
    public void Accumulating_pairs_equals_one_concatenated_pair()
    {
        var accumulator = new ErrorAccumulator("x");
        accumulator.Add([1f, 2f], [1f, 2.5f]);
        accumulator.Add([3f, -1f], [2f, -1f]);
        Assert.Equal(ErrorAccumulator.Of("x", [1f, 2f, 3f, -1f], [1f, 2.5f, 2f, -1f]), accumulator.Result());
        Assert.Throws<ArgumentException>(() => accumulator.Add([1f], [1f, 2f]));
    }
}
