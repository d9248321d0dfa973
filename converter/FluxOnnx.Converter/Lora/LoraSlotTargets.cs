using FluxOnnx.Graphs.Layers;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Converter.Lora;

/// <summary>
/// Which transformer Linears get run-time LoRA slots: every Linear inside <c>double_blocks</c> and
/// <c>single_blocks</c> (attention qkv/proj, MLPs, modulation, linear1/linear2), the modules FLUX LoRA trainers
/// target (sd-scripts' <c>FLUX_TARGET_REPLACE_MODULE</c> = DoubleStreamBlock + SingleStreamBlock). The embedders and
/// the final layer keep no slot; LoRAs that change them are fused at conversion.
/// </summary>
public static class LoraSlotTargets
{
    public static bool IsTarget(string module) =>
        module.StartsWith("double_blocks.", StringComparison.Ordinal) || module.StartsWith("single_blocks.", StringComparison.Ordinal);

    /// <summary><paramref name="policy"/> with slots of <paramref name="rank"/> (unchanged for rank 0).</summary>
    public static WeightPolicy WithSlots(WeightPolicy policy, int rank) =>
        rank == 0 ? policy : policy with { LoraSlots = new LoraSlotPolicy(rank, IsTarget) };
}
