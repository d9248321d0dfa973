using FluxOnnx.Lora;

namespace FluxOnnx.Converter.Lora;

/// <summary>
/// What a format recipe produces while it walks a file's keys: the low-rank parts and full tensors it mapped, and
/// which keys it consumed; every other key is unmatched (<see cref="Unmatched"/>).
/// </summary>
public sealed class LoraMappingBuilder
{
    private readonly HashSet<string> _keys;
    private readonly HashSet<string> _consumed = new(StringComparer.Ordinal);
    private readonly Func<string, long[]> _shapeOfKey;
    private readonly Dictionary<(LoraComponent, string), long[]> _replaced = [];

    /// <param name="keys">Every key of the file.</param>
    /// <param name="targets">The model's tensors.</param>
    /// <param name="shapeOfKey">Stored shape of a key of the file (for full tensors that change a Linear's width).</param>
    public LoraMappingBuilder(IEnumerable<string> keys, LoraTargets targets, Func<string, long[]> shapeOfKey)
    {
        _keys = new HashSet<string>(keys, StringComparer.Ordinal);
        Targets = targets;
        _shapeOfKey = shapeOfKey;
    }

    public LoraTargets Targets { get; }

    public List<LoraPart> Parts { get; } = [];

    public List<LoraFullTensor> FullTensors { get; } = [];

    public bool Has(string key) => _keys.Contains(key);

    /// <summary>Keys no recipe rule consumed, sorted.</summary>
    public IReadOnlyList<string> Unmatched => [.. _keys.Where(k => !_consumed.Contains(k)).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Maps the pair (<paramref name="down"/>, <paramref name="up"/>) onto rows of <paramref name="target"/> when both keys
    /// exist and the target is a Linear of the model; consumes the keys (and alpha / bias) only then. Rows and offsets
    /// are given by <paramref name="rows"/> from the target's [out, in].
    /// </summary>
    public bool AddPair(LoraComponent component, string target, string down, string up, string? alpha, string? upBias,
        Func<long, long, (long RowOffset, long Rows, long UpRows, long UpRowStart)>? rows = null)
    {
        if (!_keys.Contains(down) || !_keys.Contains(up) || LinearShape(component, target) is not { } shape)
        {
            return false;
        }
        var (offset, count, upRows, upStart) = rows?.Invoke(shape.Out, shape.In) ?? (0, shape.Out, shape.Out, 0);
        alpha = alpha is not null && _keys.Contains(alpha) ? alpha : null;
        upBias = upBias is not null && _keys.Contains(upBias) ? upBias : null;
        Parts.Add(new LoraPart(component, target, shape.Out, offset, count, upRows, upStart, down, up, alpha, upBias));
        Consume(down, up, alpha, upBias);
        return true;
    }

    /// <summary>Maps <paramref name="key"/> as a full replacement of the model tensor <paramref name="target"/> when both exist.</summary>
    public bool AddFull(LoraComponent component, string target, string key)
    {
        if (!_keys.Contains(key) || Targets.Tensor(component, target) is null)
        {
            return false;
        }
        FullTensors.Add(new LoraFullTensor(component, target, key));
        _replaced[(component, target)] = _shapeOfKey(key);
        Consume(key);
        return true;
    }

    /// <summary>[out, in] of a Linear, after any full replacement of its weight added so far.</summary>
    private (long Out, long In)? LinearShape(LoraComponent component, string module) =>
        _replaced.TryGetValue((component, module + ".weight"), out var s) && s.Length == 2 ? (s[0], s[1]) : Targets.Linear(component, module);

    private void Consume(params string?[] keys)
    {
        foreach (var key in keys)
        {
            if (key is not null)
            {
                _consumed.Add(key);
            }
        }
    }
}
