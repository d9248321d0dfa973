using System.Globalization;
using FluxOnnx.Packaging;

namespace FluxOnnx.Lora;

/// <summary>
/// The run-time LoRA slots of a package, read from its manifest's transformer inputs (<see cref="LoraSlotNames"/>:
/// <c>lora_down.{module}</c> [in, R], <c>lora_up.{module}</c> [R, out]), bound by name like every other input.
/// </summary>
public sealed class LoraSlots
{
    private readonly Dictionary<string, LoraSlot> _byModule;

    private LoraSlots(IReadOnlyList<LoraSlot> slots, int rank)
    {
        All = slots;
        Rank = rank;
        _byModule = slots.ToDictionary(s => s.Module, StringComparer.Ordinal);
    }

    /// <summary>Every slot, in manifest order.</summary>
    public IReadOnlyList<LoraSlot> All { get; }

    /// <summary>The slot rank R (the same for every slot).</summary>
    public int Rank { get; }

    public LoraSlot? Find(string module) => _byModule.GetValueOrDefault(module);

    /// <summary>The slots of <paramref name="manifest"/>'s transformer, or null when it has none.</summary>
    /// <exception cref="PackageException">A slot input pair is incomplete or has non-numeric or mismatched dims.</exception>
    public static LoraSlots? FromManifest(PackageManifest manifest, string packagePath)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!manifest.Components.TryGetValue(ComponentRoles.Transformer, out var transformer))
        {
            return null;
        }
        var inputs = transformer.Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var slots = new List<LoraSlot>();
        foreach (var input in transformer.Inputs)
        {
            if (LoraSlotNames.ModuleOfDown(input.Name) is not { } module)
            {
                continue;
            }
            if (!inputs.TryGetValue(LoraSlotNames.Up(module), out var up) || input.Shape.Count != 2 || up.Shape.Count != 2
                || !long.TryParse(input.Shape[0], NumberStyles.None, CultureInfo.InvariantCulture, out var inFeatures)
                || !int.TryParse(input.Shape[1], NumberStyles.None, CultureInfo.InvariantCulture, out var rank)
                || up.Shape[0] != input.Shape[1]
                || !long.TryParse(up.Shape[1], NumberStyles.None, CultureInfo.InvariantCulture, out var outFeatures))
            {
                throw new PackageException(packagePath, $"LoRA slot inputs of {module} are not a [in, R] / [R, out] pair");
            }
            slots.Add(new LoraSlot(module, inFeatures, outFeatures, rank));
        }
        if (slots.Count == 0)
        {
            return null;
        }
        if (slots.Select(s => s.Rank).Distinct().Count() != 1)
        {
            throw new PackageException(packagePath, "LoRA slots of different ranks");
        }
        return new LoraSlots(slots, slots[0].Rank);
    }
}
