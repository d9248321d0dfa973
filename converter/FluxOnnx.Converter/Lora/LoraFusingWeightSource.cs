using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;
using FluxOnnx.Lora;

namespace FluxOnnx.Converter.Lora;

/// <summary>
/// A component's weights with LoRA files fused in (convert-time fusing): the same names as the checkpoint view it
/// wraps; the weights a LoRA touches come out as <see cref="FusedWeightTensorSource"/> (W + Σ strength·scale·B·A in
/// float32, lazily, one tensor at a time), full tensors of BFL control LoRAs replace theirs (and may widen
/// <c>img_in</c>), everything else passes through untouched. Parts at strength 0 are dropped, so a zero-strength
/// LoRA leaves the weights bit-identical (its full tensors, which are structural, still replace). A touched weight
/// is never handed out as a stored fp8 payload (<see cref="OpenQuantized"/> returns null), so it is re-quantized
/// from the fused float values.
/// </summary>
public sealed class LoraFusingWeightSource : IQuantizedWeightSource
{
    private readonly IQuantizedWeightSource _inner;
    private readonly Dictionary<string, (LoraFile File, LoraFullTensor Tensor)> _full = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(LoraFile, LoraPart, double)>> _parts = new(StringComparer.Ordinal);

    /// <exception cref="LoraFileException">Two files replace the same full tensor.</exception>
    public LoraFusingWeightSource(IQuantizedWeightSource inner, LoraComponent component, IReadOnlyList<AppliedLora> loras, string field = "Loras")
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(loras);
        _inner = inner;
        foreach (var lora in loras)
        {
            foreach (var full in lora.File.FullTensors.Where(f => f.Component == component))
            {
                if (_full.TryGetValue(full.Target, out var other))
                {
                    throw new LoraFileException(lora.File.FilePath, field, $"replaces {full.Target}, which {other.File.FilePath} replaces too");
                }
                _full[full.Target] = (lora.File, full);
            }
            if (lora.Strength == 0)
            {
                continue;
            }
            foreach (var part in lora.File.Parts.Where(p => p.Component == component))
            {
                Add(part.Target + ".weight", (lora.File, part, lora.Strength));
                if (part.UpBiasKey is not null)
                {
                    Add(part.Target + ".bias", (lora.File, part, lora.Strength));
                }
            }
        }
    }

    /// <summary>Whether any LoRA changes anything in this component.</summary>
    public bool Touches => _full.Count > 0 || _parts.Count > 0;

    public IReadOnlyCollection<string> Names => _inner.Names;

    public IReadOnlyList<long>? ShapeOf(string name) =>
        _full.TryGetValue(name, out var full) ? full.File.ShapeOf(full.Tensor.Key) : _inner.ShapeOf(name);

    public ITensorSource? Open(string name, ElementType elementType)
    {
        _full.TryGetValue(name, out var full);
        if (!_parts.TryGetValue(name, out var parts))
        {
            return full.File is not null ? full.File.OpenFull(full.Tensor, elementType) : _inner.Open(name, elementType);
        }
        var baseFloat = full.File is not null ? full.File.OpenFull(full.Tensor, ElementType.Float) : _inner.Open(name, ElementType.Float);
        if (baseFloat is null)
        {
            return null;
        }
        return new FusedWeightTensorSource(baseFloat, parts, bias: name.EndsWith(".bias", StringComparison.Ordinal), elementType);
    }

    public QuantizedWeight? OpenQuantized(string name) =>
        _full.ContainsKey(name) || _parts.ContainsKey(name) ? null : _inner.OpenQuantized(name);

    private void Add(string name, (LoraFile, LoraPart, double) part)
    {
        if (!_parts.TryGetValue(name, out var list))
        {
            _parts[name] = list = [];
        }
        list.Add(part);
    }
}
