namespace FluxOnnx.Graphs.Layers;

/// <summary>
/// Run-time LoRA slots: every Linear whose module name <see cref="Targets"/> accepts gets a low-rank branch of
/// rank <see cref="Rank"/> whose factors are graph inputs (<see cref="LowRankSlot"/>).
/// </summary>
/// <param name="Rank">Slot rank R (the most total LoRA rank a request can bind per Linear).</param>
/// <param name="Targets">Which module names (<c>double_blocks.0.img_attn.qkv</c>) get a slot.</param>
public sealed record LoraSlotPolicy(int Rank, Func<string, bool> Targets);
