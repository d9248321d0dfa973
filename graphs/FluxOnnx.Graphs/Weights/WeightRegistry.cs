using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;

namespace FluxOnnx.Graphs.Weights;

/// <summary>
/// Tracks which weights graph code took from an <see cref="IWeightSource"/> while a graph is built, so that
/// missing, mis-shaped and unused weights are all reported together, by name, once the graph is complete
/// (STYLE habit 4: missing or unused weights are errors, never warnings).
/// </summary>
public sealed class WeightRegistry
{
    private readonly IWeightSource? _source;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly List<string> _missing = [];
    private readonly List<WeightShapeMismatch> _mismatches = [];
    private readonly Dictionary<string, Value> _taken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<long>> _requested = new(StringComparer.Ordinal);

    /// <param name="builder">The graph the weights become initializers of.</param>
    /// <param name="source">The checkpoint view.</param>
    /// <param name="policy">How float weights are stored (fp32 by default; precision passes refine this).</param>
    public WeightRegistry(GraphBuilder builder, IWeightSource source, WeightPolicy? policy = null)
    {
        Builder = builder;
        _source = source;
        Policy = policy ?? WeightPolicy.Float32;
    }

    public GraphBuilder Builder { get; }

    public WeightPolicy Policy { get; }

    /// <summary>
    /// A registry with no checkpoint that hands out every weight at exactly the shape asked for, with no data:
    /// for building a full-size graph (op counts, FLOP estimates) without weights. Such a graph can be built but
    /// not written.
    /// </summary>
    public static WeightRegistry ShapeOnly(GraphBuilder builder, WeightPolicy? policy = null) => new(builder, policy);

    private WeightRegistry(GraphBuilder builder, WeightPolicy? policy)
    {
        Builder = builder;
        Policy = policy ?? WeightPolicy.Float32;
    }

    /// <summary>
    /// The root module: weight names are built from here one segment at a time (<see cref="WeightScope.Enter(string)"/>),
    /// node names from the builder's current scope (usually its root scope, e.g. <c>/transformer</c>).
    /// </summary>
    public WeightScope Root => new(this, "", Builder.ScopePath, null, quantizable: true);

    /// <summary>
    /// Takes <paramref name="name"/> as an initializer of <paramref name="elementType"/>, checking its stored
    /// shape against <paramref name="expected"/>. A missing or mis-shaped weight is recorded and a placeholder
    /// source of the expected shape is returned, so that building continues and every problem is listed at once.
    /// </summary>
    internal Value Take(string name, ElementType elementType, IReadOnlyList<long> expected, Func<ITensorSource, ITensorSource>? layout)
    {
        if (_taken.TryGetValue(name, out var existing))
        {
            return existing;
        }
        var source = TakeSource(name, elementType, expected);
        if (layout is not null)
        {
            // Placeholders get the layout too, so the graph sees the same shape (a transposed Linear weight) and
            // building goes on to report every problem instead of failing at the first MatMul.
            source = layout(source);
        }
        var value = Builder.Initializer(name, source);
        _taken[name] = value;
        return value;
    }

    /// <summary>
    /// Every weight graph code asked for, with the stored shape it expected, in request order. With
    /// <see cref="ShapeOnly"/> this is the exact checkpoint layout a config implies (used to write synthetic checkpoints).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<long>> Requested => _requested;

    /// <summary>
    /// Marks <paramref name="name"/> used and returns its lazy source in <paramref name="elementType"/>, checked
    /// against <paramref name="expected"/> like <see cref="Take"/>, without adding an initializer: for weights that
    /// become other tensors first (a quantized Linear weight becomes payload, scales and zero points).
    /// </summary>
    internal ITensorSource TakeSource(string name, ElementType elementType, IReadOnlyList<long> expected)
    {
        _used.Add(name);
        _requested[name] = expected.ToArray();
        var stored = _source is null ? expected : _source.ShapeOf(name);
        if (_source is null)
        {
            return new PlaceholderTensorSource(elementType, expected);
        }
        if (stored is null)
        {
            _missing.Add(name);
            return new PlaceholderTensorSource(elementType, expected);
        }
        if (!stored.SequenceEqual(expected))
        {
            _mismatches.Add(new WeightShapeMismatch(name, expected.ToArray(), stored.ToArray()));
            return new PlaceholderTensorSource(elementType, expected);
        }
        return _source.Open(name, elementType) ?? throw new InvalidOperationException($"{name} has a shape but no data");
    }

    /// <summary>The checkpoint view (null for a shape-only registry), for quantizers that reuse stored payloads.</summary>
    internal IWeightSource? Source => _source;

    /// <summary>Whether the source offers <paramref name="name"/> (for optional weights such as biases).</summary>
    internal bool Has(string name) => _source is null || _source.ShapeOf(name) is not null;

    /// <summary>
    /// Throws <see cref="WeightMismatchException"/> listing every missing, mis-shaped and unused weight, if any.
    /// Call once after the whole graph was built.
    /// </summary>
    public void EnsureComplete()
    {
        if (_source is null)
        {
            return;
        }
        var unused = _source.Names.Where(n => !_used.Contains(n)).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        if (_missing.Count > 0 || _mismatches.Count > 0 || unused.Length > 0)
        {
            throw new WeightMismatchException(_missing.ToArray(), unused, _mismatches.ToArray());
        }
    }
}
