namespace FluxOnnx.Lora;

/// <summary>
/// One LoRA file ready for run-time slots: its low-rank terms and the strength the request asked for. Produced by
/// the converter's LoRA reader (which knows the file formats), consumed by the runtime's slot binder (which does not).
/// </summary>
/// <param name="Name">File name, for messages.</param>
/// <param name="Strength">Multiplier of every term (0 = no effect).</param>
/// <param name="Terms">Every low-rank term of the file.</param>
public sealed record LowRankAdapter(string Name, double Strength, IReadOnlyList<LowRankTerm> Terms);
