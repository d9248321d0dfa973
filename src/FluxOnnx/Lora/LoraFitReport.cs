namespace FluxOnnx.Lora;

/// <summary>One Linear whose LoRAs were folded to the slot rank by <see cref="LoraRankFit"/>.</summary>
/// <param name="Module">The Linear (BFL module name).</param>
/// <param name="RequiredRank">Total rank of the LoRAs on it before folding.</param>
/// <param name="SlotRank">Rank kept.</param>
/// <param name="EnergyKept">Σ σᵢ² over the kept singular values / Σ σᵢ² over all (1 = lossless).</param>
public sealed record LoraFitReport(string Module, int RequiredRank, int SlotRank, double EnergyKept);
