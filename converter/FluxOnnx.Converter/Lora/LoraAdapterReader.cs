using FluxOnnx.Lora;

namespace FluxOnnx.Converter.Lora;

/// <summary>
/// Reads a LoRA file for a package's run-time slots (<c>flux generate --lora</c>): the same format detection and
/// recipes as fusing, mapped onto the slot Linears only, every term read into memory as a <see cref="LowRankAdapter"/>
/// for the runtime's <c>LoraSlotInputs</c>. Keys for Linears without a slot (embedders, final layer, text encoders) are
/// unmatched here; full tensors (BFL control LoRAs) cannot be swapped at run time and are refused.
/// </summary>
public static class LoraAdapterReader
{
    /// <exception cref="LoraFileException">Unreadable, truncated, unknown layout.</exception>
    /// <exception cref="LoraShapeException">A tensor does not fit its slot's Linear.</exception>
    /// <exception cref="LoraUnusedKeysException">Keys match no slot and <paramref name="allowUnused"/> is false.</exception>
    /// <exception cref="LoraSlotMismatchException">The file replaces full tensors.</exception>
    public static LowRankAdapter Read(LoraSpec spec, LoraSlots slots, bool allowUnused = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(slots);
        var targets = new LoraTargets();
        foreach (var slot in slots.All)
        {
            targets.Add(LoraComponent.Transformer, slot.Module + ".weight", [slot.Out, slot.In]);
        }
        // Opened permissively first: a control LoRA's full tensors match no slot, and are refused as what they are.
        using var file = LoraFile.Open(spec.Path, targets, allowUnused: true);
        if (file.Format == LoraFormat.BflControl || file.FullTensors.Count > 0)
        {
            throw new LoraSlotMismatchException("Loras", Path.GetFileName(file.FilePath), "full tensors",
                "a BFL control LoRA replaces whole tensors (norm scales, the widened img_in), which run-time slots cannot; fuse it at conversion");
        }
        if (file.SkippedKeys.Count > 0 && !allowUnused)
        {
            throw new LoraUnusedKeysException(file.FilePath, file.SkippedKeys, "LoraAllowUnused");
        }
        return new LowRankAdapter(Path.GetFileName(file.FilePath), spec.Strength, [.. file.Parts.Select(file.ReadTerm)]);
    }
}
