namespace FluxOnnx.Lora;

/// <summary>
/// The LoRAs of a request need more rank on a Linear than the package's run-time slots hold (the slots were built
/// with <c>LoraSlots</c> = <see cref="SlotRank"/> at conversion). Lower the number of LoRAs, convert with larger slots,
/// fuse the LoRA at conversion, or fold it to the slot rank (<see cref="LoraRankFit"/>).
/// </summary>
public sealed class LoraRankExceededException : FluxOnnxException
{
    public LoraRankExceededException(string field, string module, int requiredRank, int slotRank, IReadOnlyList<string> adapters)
        : base($"{field}: {string.Join(" + ", adapters)} need rank {requiredRank} on {module}, but the package's LoRA slots have rank {slotRank}")
    {
        Field = field;
        Module = module;
        RequiredRank = requiredRank;
        SlotRank = slotRank;
        Adapters = adapters;
    }

    /// <summary>The request field holding the LoRAs (<c>Loras</c>).</summary>
    public string Field { get; }

    /// <summary>The first Linear (BFL module name) over the slot rank.</summary>
    public string Module { get; }

    /// <summary>Total rank the request's LoRAs need on <see cref="Module"/>.</summary>
    public int RequiredRank { get; }

    public int SlotRank { get; }

    /// <summary>Names of the LoRAs touching <see cref="Module"/>.</summary>
    public IReadOnlyList<string> Adapters { get; }
}
