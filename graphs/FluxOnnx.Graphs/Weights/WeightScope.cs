using System.Globalization;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;

namespace FluxOnnx.Graphs.Weights;

/// <summary>
/// A module of the reference tree (<c>double_blocks.3.img_attn</c>) together with its node scope
/// (<c>/transformer/double_blocks.3/img_attn</c>): graph code takes the module's weights by their last segment and
/// emits the nodes that read them under the same path. Entering a child (<see cref="Enter(string)"/>) extends
/// both paths by one segment, like candle's <c>VarBuilder.pp</c>, and the scope it returns pops the node segment
/// when disposed:
/// <code>
///   using (var qkv = w.Enter("qkv")) y = Linear.Apply(qkv, x, hidden, 3 * hidden);
///   // weights double_blocks.3.img_attn.qkv.{weight,bias}, nodes /transformer/double_blocks.3/img_attn/qkv/{MatMul,Add}
/// </code>
/// Entering a child and taking a weight both require the builder to be exactly at this module's node scope
/// (else <see cref="NodeScopeMismatchException"/>), so a plain node scope (<c>g.Scope("attention")</c>) may hold
/// ops but never weights, and node names cannot drift from weight names. Dispose entered scopes innermost first.
/// </summary>
public readonly struct WeightScope : IDisposable
{
    private readonly WeightRegistry _registry;
    private readonly IDisposable? _nodeScope;

    internal WeightScope(WeightRegistry registry, string prefix, string nodePath, IDisposable? nodeScope, bool quantizable)
    {
        _registry = registry;
        Prefix = prefix;
        NodePath = nodePath;
        _nodeScope = nodeScope;
        Quantizable = quantizable;
    }

    /// <summary>
    /// Whether Linear weights under this scope follow the policy's quantized <see cref="WeightPolicy.Linear"/>
    /// format; false under <see cref="NotQuantized"/> (FLUX embedders and final layer), where they stay float.
    /// </summary>
    public bool Quantizable { get; }

    /// <summary>
    /// This scope and all its children with Linear weights kept in float whatever the policy: FLUX-FACTS "never
    /// quantize the embedders (img_in, txt_in, time_in, vector_in, guidance_in) or final_layer". The same node
    /// scope: disposing either copy pops it once.
    /// </summary>
    public WeightScope NotQuantized => new(_registry, Prefix, NodePath, _nodeScope, quantizable: false);

    /// <summary>Dotted path of this scope ("" at the root).</summary>
    public string Prefix { get; }

    /// <summary>The builder scope path of this module's nodes (the builder's path when the root was taken).</summary>
    public string NodePath { get; }

    public WeightPolicy Policy => _registry.Policy;

    public GraphBuilder Builder => _registry.Builder;

    /// <summary>
    /// Enters the child module <paramref name="module"/> (<c>img_attn</c>, <c>qkv</c>): weights
    /// <c>{prefix}.{module}.*</c>, nodes under <c>{node path}/{module}</c> until the returned scope is disposed.
    /// </summary>
    public WeightScope Enter(string module) => EnterChild(CheckSegment(module), module);

    /// <summary>
    /// Enters child <paramref name="index"/> of an <c>nn.Sequential</c> (<c>img_mlp</c> → <c>img_mlp.0</c>):
    /// the node segment is the bare index (<c>/img_mlp/0</c>).
    /// </summary>
    public WeightScope Enter(int index)
    {
        string segment = index.ToString(CultureInfo.InvariantCulture);
        return EnterChild(segment, segment);
    }

    /// <summary>
    /// Enters entry <paramref name="index"/> of the <c>nn.ModuleList</c> <paramref name="list"/>
    /// (<c>double_blocks</c>, 3 → weights <c>double_blocks.3.*</c>): the node segment is one segment holding both
    /// (<c>/double_blocks.3</c>), as torch's exporter names list entries.
    /// </summary>
    public WeightScope Enter(string list, int index)
    {
        string segment = CheckSegment(list) + "." + index.ToString(CultureInfo.InvariantCulture);
        return EnterChild(segment, segment);
    }

    /// <summary>Pops the node segment this scope entered; nothing for the root or a scope not made by Enter.</summary>
    public void Dispose() => _nodeScope?.Dispose();

    /// <summary>
    /// The weight <paramref name="name"/> of this scope, stored as float (policy's float type), with its stored
    /// shape checked against <paramref name="expected"/>.
    /// </summary>
    public Value Float(string name, params long[] expected) => _registry.Take(Leaf(name), Policy.FloatWeights, expected, null);

    /// <summary>
    /// Like <see cref="Float(string, long[])"/>, with a layout change applied lazily at write time (for example a
    /// transpose of a Linear weight to the MatMul layout). <paramref name="expected"/> is the stored shape.
    /// </summary>
    public Value Float(string name, long[] expected, Func<ITensorSource, ITensorSource> layout) =>
        _registry.Take(Leaf(name), Policy.FloatWeights, expected, layout);

    /// <summary>The weight <paramref name="name"/> in an explicit element type (e.g. an fp8 payload or fp32 scale).</summary>
    public Value Typed(string name, ElementType elementType, params long[] expected) => _registry.Take(Leaf(name), elementType, expected, null);

    /// <summary>
    /// The full reference name of <paramref name="name"/> and its lazy source in <paramref name="elementType"/>,
    /// marked used and shape-checked, without an initializer: for Linear weights that are quantized first.
    /// </summary>
    internal (string FullName, ITensorSource Source) TakeSource(string name, ElementType elementType, params long[] expected)
    {
        var full = Leaf(name);
        return (full, _registry.TakeSource(full, elementType, expected));
    }

    /// <summary>The checkpoint view behind this scope (null for shape-only builds).</summary>
    internal IWeightSource? Checkpoint => _registry.Source;

    /// <summary>Whether this scope has the weight <paramref name="name"/> (for optional tensors such as biases).</summary>
    public bool Has(string name) => _registry.Has(Join(CheckSegment(name)));

    private WeightScope EnterChild(string weightSegment, string nodeSegment)
    {
        RequireAtNodeScope();
        var handle = Builder.Scope(nodeSegment);
        return new WeightScope(_registry, Join(weightSegment), Builder.ScopePath, handle, Quantizable);
    }

    /// <summary>The full name of a weight of this module, taken while the builder is at its node scope.</summary>
    private string Leaf(string name)
    {
        RequireAtNodeScope();
        return Join(CheckSegment(name));
    }

    private void RequireAtNodeScope()
    {
        string actual = Builder.ScopePath;
        if (actual != NodePath) throw new NodeScopeMismatchException(Prefix, NodePath, actual);
    }

    /// <summary>One segment of a reference name: no '.', which would skip a module, and no '/'.</summary>
    private static string CheckSegment(string segment)
    {
        ArgumentException.ThrowIfNullOrEmpty(segment);
        if (segment.Contains('.') || segment.Contains('/'))
        {
            throw new ArgumentException($"'{segment}' is more than one segment; enter one module at a time.", nameof(segment));
        }
        return segment;
    }

    private string Join(string segment) => Prefix.Length == 0 ? segment : Prefix + "." + segment;
}
