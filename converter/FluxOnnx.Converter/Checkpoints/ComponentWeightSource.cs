using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;

namespace FluxOnnx.Converter.Checkpoints;

/// <summary>
/// One component of an opened checkpoint presented under reference names (BFL for the transformer and
/// autoencoder, HF for T5 and CLIP), whatever its stored layout: renames, row concats, half swaps, reshapes and
/// fp8 dequantization happen lazily, inside <see cref="ITensorSource.WriteTo"/>. Also carries what config
/// selection and the manifest need: <see cref="Shapes"/>, <see cref="ConfigPath"/>, <see cref="Format"/>.
/// </summary>
/// <remarks>
/// Valid while the <see cref="Checkpoint"/> it came from is open. Stored tensors no recipe maps are offered
/// under their stored names, so the graph reports them as unused; tensors in <see cref="NotPartOfGraph"/> and
/// <see cref="QuantizationCompanions"/> are consumed on purpose and never offered.
/// </remarks>
public sealed class ComponentWeightSource : IQuantizedWeightSource
{
    private readonly Dictionary<string, WeightRecipe> _recipes;

    internal ComponentWeightSource(ComponentLocation location, ComponentTensors tensors, IReadOnlyList<WeightRecipe> recipes, IReadOnlyList<string> notPartOfGraph)
    {
        Location = location;
        _recipes = recipes.ToDictionary(r => r.ReferenceName, StringComparer.Ordinal);
        Names = [.. recipes.Select(r => r.ReferenceName)];
        Shapes = recipes.ToDictionary(r => r.ReferenceName, r => (IReadOnlyList<long>)r.Dims, StringComparer.Ordinal);
        NotPartOfGraph = notPartOfGraph;
        QuantizationCompanions = tensors.Companions;
        Format = location.Format;
    }

    /// <summary>Where the component is stored and how it is named.</summary>
    public ComponentLocation Location { get; }

    public ComponentKind Kind => Location.Kind;

    /// <summary>The source format; its manifest name is <see cref="FormatName"/>.</summary>
    public CheckpointFormat Format { get; }

    /// <summary><c>bfl</c>, <c>diffusers</c>, <c>comfyui</c>, <c>comfyui-fp8-scaled</c> or <c>hf</c>.</summary>
    public string FormatName => Format.ManifestName();

    /// <summary>The diffusers / HF <c>config.json</c> beside the weights, or null (single files have none).</summary>
    public string? ConfigPath => Location.ConfigPath;

    /// <summary>
    /// Every offered reference name with its shape, for config selection: the transformer's depths, hidden size
    /// and guidance embedder follow from these (e.g. the highest <c>double_blocks.N</c>).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<long>> Shapes { get; }

    /// <summary>Stored names consumed on purpose because the graph does not use them (listed per format, e.g. CLIP's <c>text_projection.weight</c>).</summary>
    public IReadOnlyList<string> NotPartOfGraph { get; }

    /// <summary>Stored names consumed as scaled-fp8 companions (marker, scales, layer configs).</summary>
    public IReadOnlyList<string> QuantizationCompanions { get; }

    public IReadOnlyCollection<string> Names { get; }

    public IReadOnlyList<long>? ShapeOf(string name) => _recipes.TryGetValue(name, out var recipe) ? recipe.Dims : null;

    /// <exception cref="CheckpointException">The stored type cannot be provided as <paramref name="elementType"/>.</exception>
    public ITensorSource? Open(string name, ElementType elementType)
    {
        if (!_recipes.TryGetValue(name, out var recipe))
        {
            return null;
        }
        var source = new SegmentedTensorSource(recipe, elementType);
        if (recipe.Alias is null)
        {
            return source;
        }
        var alias = new SegmentedTensorSource(new WeightRecipe(name, recipe.Dims, [TensorSegment.Whole(recipe.Alias)]), ElementType.Float);
        return new AliasCheckedTensorSource(source, alias, recipe);
    }

    public QuantizedWeight? OpenQuantized(string name)
    {
        if (!_recipes.TryGetValue(name, out var recipe) || !recipe.IsDirect)
        {
            return null;
        }
        StoredTensor tensor = recipe.Segments[0].Tensor;
        ElementType? payloadType = tensor.Info.DType is ElementType.Float8E4M3FN or ElementType.Float8E5M2 ? tensor.Info.DType : null;
        if (tensor.ScaleName is null || payloadType is null)
        {
            return null;
        }
        var unscaled = TensorSegment.Whole(tensor with { ScaleName = null, InputScaleName = null });
        var payload = new SegmentedTensorSource(new WeightRecipe(name, recipe.Dims, [unscaled]), payloadType.Value);
        var scale = new ConvertingTensorSource(tensor.File, tensor.ScaleName, ElementType.Float);
        var input = tensor.InputScaleName is null ? null : new ConvertingTensorSource(tensor.File, tensor.InputScaleName, ElementType.Float);
        return new QuantizedWeight(name, payload, scale, input);
    }
}
