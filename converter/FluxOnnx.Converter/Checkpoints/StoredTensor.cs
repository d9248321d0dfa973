using FluxOnnx.Converter.Safetensors;

namespace FluxOnnx.Converter.Checkpoints;

/// <summary>
/// One weight as a component stores it, after the quantization companions of its layer were attached: the
/// payload tensor, and for ComfyUI scaled fp8 the scale that dequantizes it (W = float(payload) × scale, one
/// value or one per row) and the activation scale a later fp8 path may want.
/// </summary>
/// <param name="File">The open checkpoint holding the payload and its companions.</param>
/// <param name="Info">The payload as stored (its name carries any component prefix).</param>
/// <param name="ScaleName">Stored name of the weight scale, or null when the payload is used as it is.</param>
/// <param name="InputScaleName">Stored name of the activation scale, or null.</param>
internal sealed record StoredTensor(ISafetensorsSource File, SafetensorsTensorInfo Info, string? ScaleName, string? InputScaleName)
{
    public string StoredName => Info.Name;

    public long ElementCount => Info.ElementCount;

    /// <summary>First dimension (1 for a scalar): what a per-channel scale runs along.</summary>
    public long Rows => Info.Shape.Length == 0 ? 1 : Info.Shape[0];
}
