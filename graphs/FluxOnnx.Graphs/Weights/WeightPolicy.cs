using FluxOnnx.Graphs.Building;

namespace FluxOnnx.Graphs.Weights;

/// <summary>
/// Storage decisions for weights, applied at the single point where graph code takes a weight (STYLE habit 9:
/// precision is a policy, never a second copy of a model). Quantized Linear emission reads this too.
/// </summary>
/// <param name="FloatWeights">Element type float weights are stored in.</param>
public sealed record WeightPolicy(ElementType FloatWeights)
{
    public static WeightPolicy Float32 { get; } = new(ElementType.Float);
}
