using FluxOnnx.Graphs.Weights;
using FluxOnnx.Packaging;

namespace FluxOnnx.Converter.Conversion;

/// <summary>The manifest's record of a component's integer Linear form (<see cref="LinearQuantization"/>), from the policy it was built with.</summary>
internal static class ManifestQuantization
{
    /// <summary>The record for <paramref name="policy"/>'s Linear format, or null when it is not an integer form.</summary>
    public static LinearQuantization? Of(WeightPolicy policy) => policy.Linear switch
    {
        LinearWeightFormat.Int8Blocks => NBits(8, policy.Blocks),
        LinearWeightFormat.Int4Blocks => NBits(4, policy.Blocks),
        LinearWeightFormat.Int8Dynamic => new LinearQuantization(Int8Form.Dynamic.Name(), 8),
        _ => null,
    };

    private static LinearQuantization NBits(int bits, BlockQuantization blocks) =>
        new(Int8Form.MatMulNBits.Name(), bits, blocks.BlockSize, blocks.Symmetric, blocks.AccuracyLevel);
}
