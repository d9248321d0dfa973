using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Converter.Checkpoints;

/// <summary>
/// A checkpoint whose tensor names already are the reference names, possibly behind a prefix (BFL single files
/// as they are; ComfyUI all-in-one files behind <c>model.diffusion_model.</c>; HF T5/CLIP folders as they are).
/// Tensors outside the prefix are not offered (they belong to another component of the same file).
/// </summary>
public sealed class SafetensorsWeightSource : IWeightSource
{
    private readonly ISafetensorsSource _file;
    private readonly string _prefix;
    private readonly HashSet<string> _ignored;

    /// <param name="file">The open checkpoint; it must stay open until the model is written.</param>
    /// <param name="prefix">Prefix stripped from stored names ("" for none).</param>
    /// <param name="ignored">Reference names that exist in the file but are not weights of the graph (e.g. markers).</param>
    public SafetensorsWeightSource(ISafetensorsSource file, string prefix = "", IEnumerable<string>? ignored = null)
    {
        _file = file;
        _prefix = prefix;
        _ignored = new HashSet<string>(ignored ?? [], StringComparer.Ordinal);
        Names = file.Tensors
            .Where(t => t.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(t => t.Name[prefix.Length..])
            .Where(n => !_ignored.Contains(n))
            .ToArray();
    }

    public IReadOnlyCollection<string> Names { get; }

    public IReadOnlyList<long>? ShapeOf(string name) =>
        _file.TryGetInfo(_prefix + name, out var info) ? info.Shape.ToArray() : null;

    public ITensorSource? Open(string name, ElementType elementType) =>
        _file.Contains(_prefix + name) ? new ConvertingTensorSource(_file, _prefix + name, elementType) : null;
}
