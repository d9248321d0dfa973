using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;

namespace FluxOnnx.Graphs.Weights;

/// <summary>
/// The part of a weight source whose names start with a prefix, names unchanged:
/// for one graph built from a checkpoint that holds several (BFL <c>ae.safetensors</c> holds <c>encoder.*</c>
/// and <c>decoder.*</c>; the encoder graph sees only the first), so that tensors of the other graph do not show
/// up as unused while a tensor of this graph that is never read still does. Unlike a prefix-stripping source,
/// the reference names stay whole. The inner source stays owned by the caller.
/// </summary>
public sealed class PrefixFilteredWeightSource : IWeightSource
{
    private readonly IWeightSource _source;

    public PrefixFilteredWeightSource(IWeightSource source, string prefix)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        _source = source;
        Prefix = prefix;
        Names = source.Names.Where(Covers).ToArray();
    }

    /// <summary>Names offered start with this (e.g. <c>"encoder."</c>).</summary>
    public string Prefix { get; }

    public IReadOnlyCollection<string> Names { get; }

    public IReadOnlyList<long>? ShapeOf(string name) => Covers(name) ? _source.ShapeOf(name) : null;

    public ITensorSource? Open(string name, ElementType elementType) => Covers(name) ? _source.Open(name, elementType) : null;

    private bool Covers(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);
}
