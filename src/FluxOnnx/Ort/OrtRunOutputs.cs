using System.Collections;

namespace FluxOnnx.Ort;

/// <summary>
/// Values produced by a run or read from an IOBinding, in the order of <see cref="Names"/>. This collection owns
/// them: disposing it disposes every value (and invalidates their spans). To keep one value beyond the collection,
/// copy its data out first.
/// </summary>
public sealed class OrtRunOutputs : IReadOnlyList<OrtValue>, IDisposable
{
    private readonly OrtValue[] _values;

    internal OrtRunOutputs(IReadOnlyList<string> names, OrtValue[] values)
    {
        Names = names;
        _values = values;
    }

    public IReadOnlyList<string> Names { get; }

    public int Count => _values.Length;

    public OrtValue this[int index] => _values[index];

    /// <summary>The output called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No output has that name.</exception>
    public OrtValue this[string name]
    {
        get
        {
            for (var i = 0; i < Names.Count; i++)
            {
                if (Names[i] == name)
                {
                    return _values[i];
                }
            }
            throw new KeyNotFoundException($"No output named '{name}'; outputs are: {string.Join(", ", Names)}.");
        }
    }

    public IEnumerator<OrtValue> GetEnumerator() => ((IEnumerable<OrtValue>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        foreach (var value in _values)
        {
            value.Dispose();
        }
    }
}
