using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Graphs.Weights;
using FluxOnnx.Lora;
using FluxOnnx.Packaging;

namespace FluxOnnx.Converter.Lora;

/// <summary>
/// The LoRA files of one conversion, opened and mapped onto the components being converted, in request order.
/// Owns the files; dispose after the package is written.
/// </summary>
public sealed class LoraSet : IDisposable
{
    private LoraSet(IReadOnlyList<AppliedLora> applied) => Applied = applied;

    public static LoraSet Empty { get; } = new([]);

    public IReadOnlyList<AppliedLora> Applied { get; }

    /// <summary>Opens every file of <paramref name="specs"/> against <paramref name="targets"/>.</summary>
    /// <exception cref="LoraFileException">A file is unreadable, of unknown layout, or its strength is not finite.</exception>
    /// <exception cref="LoraShapeException">A tensor does not fit the model.</exception>
    /// <exception cref="LoraUnusedKeysException">Keys match nothing and <paramref name="allowUnused"/> is false.</exception>
    public static LoraSet Open(IReadOnlyList<LoraSpec>? specs, LoraTargets targets, bool allowUnused)
    {
        if (specs is null || specs.Count == 0)
        {
            return Empty;
        }
        var opened = new List<AppliedLora>();
        try
        {
            foreach (var spec in specs)
            {
                if (!double.IsFinite(spec.Strength))
                {
                    throw new LoraFileException(Path.GetFullPath(spec.Path), "Loras", $"strength must be a finite number, got {spec.Strength}");
                }
                opened.Add(new AppliedLora(LoraFile.Open(spec.Path, targets, allowUnused), spec.Strength));
            }
            return new LoraSet(opened);
        }
        catch
        {
            foreach (var lora in opened)
            {
                lora.File.Dispose();
            }
            throw;
        }
    }

    /// <summary>Targets from the components a conversion has (null components are left out).</summary>
    public static LoraTargets TargetsOf(IWeightSource? transformer, IWeightSource? clip, IWeightSource? t5)
    {
        var targets = new LoraTargets();
        if (transformer is not null) targets.Add(LoraComponent.Transformer, transformer);
        if (clip is not null) targets.Add(LoraComponent.Clip, clip);
        if (t5 is not null) targets.Add(LoraComponent.T5, t5);
        return targets;
    }

    /// <summary>The component's weights with every LoRA fused in, or <paramref name="source"/> itself when none touches it.</summary>
    public IQuantizedWeightSource Wrap(IQuantizedWeightSource source, LoraComponent component)
    {
        if (Applied.Count == 0)
        {
            return source;
        }
        var fused = new LoraFusingWeightSource(source, component, Applied);
        return fused.Touches ? fused : source;
    }

    /// <summary>Manifest records of the files (name, size, SHA-256, strength, format, skipped keys).</summary>
    public IReadOnlyList<FusedLora> Describe(CancellationToken cancellationToken) =>
        [.. Applied.Select(a => new FusedLora(Path.GetFileName(a.File.FilePath), new FileInfo(a.File.FilePath).Length,
            FileHashing.Sha256Hex(a.File.FilePath, cancellationToken), a.Strength, a.File.Format.ManifestName(), a.File.SkippedKeys))];

    public void Dispose()
    {
        foreach (var lora in Applied)
        {
            lora.File.Dispose();
        }
    }
}
