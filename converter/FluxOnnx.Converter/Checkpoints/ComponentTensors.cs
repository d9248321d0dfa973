using FluxOnnx.Converter.Formats;
using FluxOnnx.Converter.Safetensors;

namespace FluxOnnx.Converter.Checkpoints;

/// <summary>
/// The stored tensors of one component: those behind its prefix (stripped), with any ComfyUI scaled-fp8 companions
/// attached to their weights and removed from the list, so recipes only see weights. Built by
/// <see cref="ComfyUiFormat.Tensors"/>, which owns the companion rules.
/// </summary>
internal sealed class ComponentTensors
{
    internal ComponentTensors(ISafetensorsSource file, string prefix, Dictionary<string, StoredTensor> byName, List<string> companions)
    {
        File = file;
        Prefix = prefix;
        ByName = byName;
        Companions = companions;
    }

    public ISafetensorsSource File { get; }

    public string Prefix { get; }

    /// <summary>Weights by stored name without the prefix, in storage order.</summary>
    public IReadOnlyDictionary<string, StoredTensor> ByName { get; }

    /// <summary>Stored names (with prefix) consumed as quantization companions.</summary>
    public IReadOnlyList<string> Companions { get; }
}
