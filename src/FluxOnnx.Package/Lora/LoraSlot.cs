namespace FluxOnnx.Lora;

/// <summary>One run-time LoRA slot of a package's transformer: the Linear <see cref="Module"/> [Out, In] with rank <see cref="Rank"/>.</summary>
public sealed record LoraSlot(string Module, long In, long Out, int Rank);
