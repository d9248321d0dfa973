using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Passes;

/// <summary>The passes a <see cref="WeightPolicy"/> asks for after building, in order (today: fp16 activations).</summary>
public static class PrecisionPasses
{
    public static BuiltModel Apply(BuiltModel model, WeightPolicy policy) => policy.Activations switch
    {
        ElementType.Float => model,
        ElementType.Float16 => Float16Pass.Apply(model),
        var other => throw new ArgumentOutOfRangeException(nameof(policy), other, "Activations are Float or Float16."),
    };
}
