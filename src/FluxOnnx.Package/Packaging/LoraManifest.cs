namespace FluxOnnx.Packaging;

/// <summary>What a package holds of LoRA: the files fused into its weights at conversion, and its run-time slots.</summary>
/// <param name="Fused">LoRA files fused into the weights, in the order they were applied.</param>
/// <param name="SlotRank">Rank of the run-time LoRA slots on the transformer's block Linears; 0 = no slots.</param>
public sealed record LoraManifest(IReadOnlyList<FusedLora> Fused, int SlotRank);
