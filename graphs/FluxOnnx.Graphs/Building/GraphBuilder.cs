using FluxOnnx.Graphs.Onnx;
using FluxOnnx.Graphs.Tensors;

namespace FluxOnnx.Graphs.Building;

/// <summary>
/// Records a typed ONNX graph: inputs, initializers, deduplicated constants, nodes and outputs. Ops are typed
/// methods (in the partial files by family) that take and return <see cref="Value"/>s with inferred element
/// type and shape; node names are scope paths such as <c>/transformer/double_blocks.3/img_attn/qkv/MatMul</c>.
/// <see cref="Build"/> validates and produces a <see cref="BuiltModel"/> without touching weight bytes.
/// Not thread-safe: one builder per graph, used from one thread.
/// </summary>
/// <example>
/// <code>
/// var g = new GraphBuilder(new GraphBuilderOptions { RootScope = "transformer" });
/// var x = g.Input("img", ElementType.Float, new Shape("batch", "img_tokens", 64));
/// using (g.Scope("img_in"))
/// {
///     var w = g.Initializer("img_in.weight", new ArrayTensorSource&lt;float&gt;(weights, [64, 3072]));
///     g.Output(g.MatMul(x, w), "img_hidden");   // node /transformer/img_in/MatMul
/// }
/// </code>
/// </example>
public sealed partial class GraphBuilder
{
    /// <summary>The com.microsoft contrib-op domain.</summary>
    public const string MicrosoftDomain = "com.microsoft";

    private readonly List<string> _scopes = [];
    private readonly Dictionary<string, int> _nodeNameUses = new(StringComparer.Ordinal);
    private readonly List<NodeRecord> _nodes = [];
    private readonly List<Value> _inputs = [];
    private readonly List<(Value Value, ITensorSource Source)> _initializers = [];
    private readonly List<Value> _outputs = [];
    private readonly SortedDictionary<string, long> _opsets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _customOpsets = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, string>> _metadata = [];

    public GraphBuilder(GraphBuilderOptions? options = null)
    {
        Options = options ?? new GraphBuilderOptions();
        if (!string.IsNullOrEmpty(Options.RootScope))
        {
            _scopes.Add(CheckSegment(Options.RootScope));
        }
        _opsets[""] = Options.OnnxOpset;
    }

    public GraphBuilderOptions Options { get; }

    /// <summary><c>ModelProto.producer_name</c>.</summary>
    public string ProducerName { get; set; } = "FluxOnnx";

    /// <summary><c>ModelProto.producer_version</c>; empty unless set.</summary>
    public string ProducerVersion { get; set; } = "";

    /// <summary><c>ModelProto.doc_string</c>.</summary>
    public string DocString { get; set; } = "";

    /// <summary>Number of nodes recorded so far.</summary>
    public int NodeCount => _nodes.Count;

    /// <summary>The current scope path, <c>/transformer/double_blocks.3/img_attn</c>, or <c>""</c> at the root.</summary>
    public string ScopePath => _scopes.Count == 0 ? "" : "/" + string.Join('/', _scopes);

    /// <summary>Adds a <c>metadata_props</c> entry to the model; keys must be unique.</summary>
    public void AddMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (_metadata.Any(kv => kv.Key == key))
        {
            throw new ArgumentException($"Metadata key '{key}' is already set.", nameof(key));
        }
        _metadata.Add(new(key, value));
    }

    /// <summary>
    /// Enters one scope segment (<c>"double_blocks.3"</c>, <c>"img_attn"</c>) until the handle is disposed. A
    /// segment must not contain '/': nest scopes instead of concatenating paths.
    /// </summary>
    public IDisposable Scope(string segment)
    {
        _scopes.Add(CheckSegment(segment));
        return new ScopeHandle(PopScope, _scopes.Count);
    }

    /// <summary>Declares a graph input; its shape becomes the input's value_info (symbolic dims as dim_param).</summary>
    public Value Input(string name, ElementType elementType, Shape shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var value = new Value(this, name, elementType, shape, ValueKind.GraphInput);
        _inputs.Add(value);
        return value;
    }

    /// <summary>
    /// Adds a named initializer whose bytes come from <paramref name="source"/> only when the model is written.
    /// <paramref name="name"/> is the full tensor name (a BFL weight name such as
    /// <c>double_blocks.0.img_attn.qkv.weight</c>); it is not prefixed with the scope.
    /// </summary>
    public Value Initializer(string name, ITensorSource source)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(source);
        var value = new Value(this, name, source.ElementType, Shape.Of(source.Dims), ValueKind.Initializer);
        _initializers.Add((value, source));
        return value;
    }

    /// <summary>
    /// Makes <paramref name="value"/> a graph output called <paramref name="name"/>. A node output is renamed in
    /// place; a graph input, an initializer, or a value already exported under another name is routed through an
    /// Identity node.
    /// </summary>
    public void Output(Value value, string name)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (value.Kind != ValueKind.NodeOutput || _outputs.Contains(value) || value.Owner != this)
        {
            using (Scope("outputs"))
            {
                value = Op("Identity", [value], [], [new TensorType(value.ElementType, value.Shape)])[0];
            }
        }
        value.Name = name;
        _outputs.Add(value);
    }

    /// <summary>
    /// The escape hatch for ops without a typed method: adds node <paramref name="opType"/> of
    /// <paramref name="domain"/> reading <paramref name="inputs"/> (null for an omitted optional input) and
    /// producing one value per entry of <paramref name="outputs"/>, whose types the caller declares. The domain's
    /// opset is imported automatically (com.microsoft at <see cref="GraphBuilderOptions.MicrosoftOpset"/>, other
    /// custom domains at 1 unless <see cref="ImportOpset"/> set them).
    /// </summary>
    public IReadOnlyList<Value> Op(
        string opType,
        IReadOnlyList<Value?> inputs,
        IReadOnlyList<NodeAttribute> attributes,
        IReadOnlyList<TensorType> outputs,
        string domain = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(opType);
        UseDomain(domain);
        return AddNode(ReserveNodeName(opType), opType, domain, inputs, attributes, outputs);
    }

    /// <summary>Single-output form of <see cref="Op(string, IReadOnlyList{Value?}, IReadOnlyList{NodeAttribute}, IReadOnlyList{TensorType}, string)"/>.</summary>
    public Value Op(
        string opType,
        IReadOnlyList<Value?> inputs,
        IReadOnlyList<NodeAttribute> attributes,
        ElementType outputType,
        Shape outputShape,
        string domain = "") =>
        Op(opType, inputs, attributes, [new TensorType(outputType, outputShape)], domain)[0];

    /// <summary>Sets the opset version imported for a custom <paramref name="domain"/> once a node uses it.</summary>
    public void ImportOpset(string domain, long version)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        _customOpsets[domain] = version;
    }

    private void PopScope(int depth)
    {
        if (_scopes.Count != depth)
        {
            throw new InvalidOperationException(
                $"Scopes must be disposed innermost first: disposing depth {depth} while at {ScopePath}.");
        }
        _scopes.RemoveAt(_scopes.Count - 1);
    }

    /// <summary>
    /// The unique node name for <paramref name="opType"/> in the current scope: <c>{ScopePath}/{opType}</c>, then
    /// <c>_1</c>, <c>_2</c>... on later uses of the same path.
    /// </summary>
    internal string ReserveNodeName(string opType)
    {
        string path = $"{ScopePath}/{opType}";
        int uses = _nodeNameUses.GetValueOrDefault(path);
        _nodeNameUses[path] = uses + 1;
        return uses == 0 ? path : $"{path}_{uses}";
    }

    /// <summary>Records that <paramref name="opType"/> of the default domain needs opset <paramref name="since"/>.</summary>
    internal void RequireOnnxOpset(string opType, long since)
    {
        if (Options.OnnxOpset < since)
        {
            throw new OpsetTooLowException(opType, "", since, Options.OnnxOpset);
        }
    }

    internal void UseDomain(string domain)
    {
        if (domain.Length == 0 || _opsets.ContainsKey(domain)) return;
        _opsets[domain] = domain == MicrosoftDomain
            ? Options.MicrosoftOpset
            : _customOpsets.GetValueOrDefault(domain, 1);
    }

    /// <summary>Appends a node whose outputs are named <c>{name}/output_{i}</c>.</summary>
    internal IReadOnlyList<Value> AddNode(
        string name,
        string opType,
        string domain,
        IReadOnlyList<Value?> inputs,
        IReadOnlyList<NodeAttribute> attributes,
        IReadOnlyList<TensorType> outputs)
    {
        UseDomain(domain);
        var values = outputs
            .Select((t, i) => new Value(this, $"{name}/output_{i}", t.ElementType, t.Shape, ValueKind.NodeOutput))
            .ToArray();
        _nodes.Add(new NodeRecord(name, opType, domain, inputs.ToArray(), values, attributes.ToArray(), KeepsFloat32(opType)));
        return values;
    }

    /// <summary>Single-output, default-domain form of the node-adding primitive above.</summary>
    internal Value AddNode(
        string name, string opType, IReadOnlyList<Value?> inputs, ElementType type, Shape shape,
        params NodeAttribute[] attributes) =>
        AddNode(name, opType, "", inputs, attributes, [new TensorType(type, shape)])[0];

    private static string CheckSegment(string segment)
    {
        ArgumentException.ThrowIfNullOrEmpty(segment);
        if (segment.Contains('/'))
        {
            throw new ArgumentException($"Scope segment '{segment}' contains '/'; nest scopes instead.", nameof(segment));
        }
        return segment;
    }
}
