using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;

namespace FluxOnnx.Graphs.Weights;

/// <summary>
/// A position in the reference module tree (<c>double_blocks.3.img_attn</c>) from which graph code takes
/// weights by their last segment. Scopes are extended one segment at a time, like candle's <c>VarBuilder.pp</c>,
/// so no model code concatenates name strings.
/// </summary>
public readonly struct WeightScope
{
    private readonly WeightRegistry _registry;

    internal WeightScope(WeightRegistry registry, string prefix, bool quantizable = true)
    {
        _registry = registry;
        Prefix = prefix;
        Quantizable = quantizable;
    }

    /// <summary>
    /// Whether Linear weights under this scope follow the policy's quantized <see cref="WeightPolicy.Linear"/>
    /// format; false under <see cref="NotQuantized"/> (FLUX embedders and final layer), where they stay float.
    /// </summary>
    public bool Quantizable { get; }

    /// <summary>
    /// This scope and all its children with Linear weights kept in float whatever the policy: FLUX-FACTS "never
    /// quantize the embedders (img_in, txt_in, time_in, vector_in, guidance_in) or final_layer".
    /// </summary>
    public WeightScope NotQuantized => new(_registry, Prefix, quantizable: false);

    /// <summary>Dotted path of this scope ("" at the root).</summary>
    public string Prefix { get; }

    public WeightPolicy Policy => _registry.Policy;

    public GraphBuilder Builder => _registry.Builder;

    /// <summary>The child scope <paramref name="segment"/> (a module name such as <c>img_attn</c> or an index such as 3).</summary>
    public WeightScope this[string segment] => new(_registry, Join(segment), Quantizable);

    /// <summary>The child scope of a numbered sub-module (<c>double_blocks</c>[3] → <c>double_blocks.3</c>).</summary>
    public WeightScope this[int index] => new(_registry, Join(index.ToString(System.Globalization.CultureInfo.InvariantCulture)), Quantizable);

    /// <summary>
    /// The weight <paramref name="name"/> of this scope, stored as float (policy's float type), with its stored
    /// shape checked against <paramref name="expected"/>.
    /// </summary>
    public Value Float(string name, params long[] expected) => _registry.Take(Join(name), Policy.FloatWeights, expected, null);

    /// <summary>
    /// Like <see cref="Float(string, long[])"/>, with a layout change applied lazily at write time (for example a
    /// transpose of a Linear weight to the MatMul layout). <paramref name="expected"/> is the stored shape.
    /// </summary>
    public Value Float(string name, long[] expected, Func<ITensorSource, ITensorSource> layout) =>
        _registry.Take(Join(name), Policy.FloatWeights, expected, layout);

    /// <summary>The weight <paramref name="name"/> in an explicit element type (e.g. an fp8 payload or fp32 scale).</summary>
    public Value Typed(string name, ElementType elementType, params long[] expected) => _registry.Take(Join(name), elementType, expected, null);

    /// <summary>
    /// The full reference name of <paramref name="name"/> and its lazy source in <paramref name="elementType"/>,
    /// marked used and shape-checked, without an initializer: for Linear weights that are quantized first.
    /// </summary>
    internal (string FullName, ITensorSource Source) TakeSource(string name, ElementType elementType, params long[] expected)
    {
        var full = Join(name);
        return (full, _registry.TakeSource(full, elementType, expected));
    }

    /// <summary>The checkpoint view behind this scope (null for shape-only builds).</summary>
    internal IWeightSource? Checkpoint => _registry.Source;

    /// <summary>Whether this scope has the weight <paramref name="name"/> (for optional tensors such as biases).</summary>
    public bool Has(string name) => _registry.Has(Join(name));

    private string Join(string segment) => Prefix.Length == 0 ? segment : Prefix + "." + segment;
}
