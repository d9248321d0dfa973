using FluxOnnx.Graphs.Building;
using FluxOnnx.Lora;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Layers;

/// <summary>
/// The low-rank branch of a Linear with a run-time LoRA slot (the LoRA forward of BFL's <c>LinearLora</c>, with
/// strength and alpha / rank folded into the bound factors):
/// <code>
///   x [..., in] ─MatMul(W)─────────────────────────────┐
///       └──MatMul(lora_down.{m} [in, R])─► [..., R] ─MatMul(lora_up.{m} [R, out])─Add─► y [..., out]
/// </code>
/// Both factors are float32 graph inputs named by <see cref="LoraSlotNames"/>; zeros make the branch a no-op.
/// </summary>
public static class LowRankSlot
{
    /// <summary>Adds the branch on <paramref name="x"/> to the Linear's product <paramref name="y"/> (before its bias).</summary>
    public static Value Apply(WeightScope scope, Value x, Value y, long inFeatures, long outFeatures, int rank)
    {
        var g = scope.Builder;
        var down = g.Input(LoraSlotNames.Down(scope.Prefix), ElementType.Float, Shape.Of([inFeatures, rank]));
        var up = g.Input(LoraSlotNames.Up(scope.Prefix), ElementType.Float, Shape.Of([rank, outFeatures]));
        using (g.Scope("lora"))
        {
            var h = g.MatMul(x, down); // [..., R]
            return g.Add(y, g.MatMul(h, up)); // [..., out]
        }
    }
}
