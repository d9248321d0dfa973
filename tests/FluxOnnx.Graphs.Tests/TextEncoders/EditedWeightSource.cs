using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Tests.TextEncoders;

/// <summary>
/// A checkpoint view with deliberate faults for the weight-check tests: tensors hidden, renamed, or reporting
/// another shape. Everything else passes through to the wrapped source.
/// </summary>
internal sealed class EditedWeightSource(IWeightSource inner) : IWeightSource
{
    private readonly HashSet<string> _hidden = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _renamed = new(StringComparer.Ordinal); // new name → stored name
    private readonly Dictionary<string, long[]> _reshaped = new(StringComparer.Ordinal);

    /// <summary>Hides every tensor whose name starts with <paramref name="prefix"/>; returns the names hidden.</summary>
    public IReadOnlyList<string> Hide(string prefix)
    {
        var names = inner.Names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        _hidden.UnionWith(names);
        return names;
    }

    public EditedWeightSource Rename(string from, string to)
    {
        _hidden.Add(from);
        _renamed[to] = from;
        return this;
    }

    public EditedWeightSource Reshape(string name, params long[] shape)
    {
        _reshaped[name] = shape;
        return this;
    }

    public IReadOnlyCollection<string> Names => inner.Names.Where(n => !_hidden.Contains(n)).Concat(_renamed.Keys).ToArray();

    public IReadOnlyList<long>? ShapeOf(string name) =>
        _reshaped.TryGetValue(name, out var shape) ? shape
        : _renamed.TryGetValue(name, out var stored) ? inner.ShapeOf(stored)
        : _hidden.Contains(name) ? null
        : inner.ShapeOf(name);

    public ITensorSource? Open(string name, ElementType elementType) =>
        _renamed.TryGetValue(name, out var stored) ? inner.Open(stored, elementType)
        : _hidden.Contains(name) ? null
        : inner.Open(name, elementType);
}
