using FluxOnnx.Graphs.Weights;
using FluxOnnx.Lora;

namespace FluxOnnx.Converter.Lora;

/// <summary>
/// What a LoRA may apply to: per component, every reference tensor name with its shape. Linear modules are the
/// 2-D <c>*.weight</c> tensors. Built from the checkpoints being converted (fusing) or from a package's slot inputs
/// (run time), so depths and widths always come from the model, never from constants.
/// </summary>
public sealed class LoraTargets
{
    private readonly Dictionary<LoraComponent, Dictionary<string, long[]>> _tensors = [];

    /// <summary>Adds every tensor of <paramref name="source"/> under <paramref name="component"/>.</summary>
    public LoraTargets Add(LoraComponent component, IWeightSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        foreach (var name in source.Names)
        {
            if (source.ShapeOf(name) is { } shape)
            {
                Add(component, name, [.. shape]);
            }
        }
        return this;
    }

    /// <summary>Adds one tensor.</summary>
    public LoraTargets Add(LoraComponent component, string name, long[] shape)
    {
        if (!_tensors.TryGetValue(component, out var map))
        {
            _tensors[component] = map = new Dictionary<string, long[]>(StringComparer.Ordinal);
        }
        map[name] = shape;
        return this;
    }

    /// <summary>Whether any tensor of <paramref name="component"/> is known.</summary>
    public bool Has(LoraComponent component) => _tensors.ContainsKey(component);

    /// <summary>Shape of the tensor <paramref name="name"/>, or null.</summary>
    public long[]? Tensor(LoraComponent component, string name) =>
        _tensors.TryGetValue(component, out var map) && map.TryGetValue(name, out var shape) ? shape : null;

    /// <summary>[out, in] of the Linear <paramref name="module"/> (its 2-D <c>.weight</c>), or null.</summary>
    public (long Out, long In)? Linear(LoraComponent component, string module) =>
        Tensor(component, module + ".weight") is { Length: 2 } s ? (s[0], s[1]) : null;

    /// <summary>Every Linear module of <paramref name="component"/>.</summary>
    public IEnumerable<string> LinearModules(LoraComponent component) =>
        _tensors.TryGetValue(component, out var map)
            ? map.Where(kv => kv.Value.Length == 2 && kv.Key.EndsWith(".weight", StringComparison.Ordinal)).Select(kv => kv.Key[..^".weight".Length])
            : [];
}
