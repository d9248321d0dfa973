namespace FluxOnnx.Tools.Inspection;

/// <summary>What <c>flux inspect</c> shows of a safetensors checkpoint (single file or sharded index).</summary>
/// <param name="Path">The inspected file.</param>
/// <param name="Tensors">Every tensor in file order.</param>
/// <param name="Metadata">The header's <c>__metadata__</c> map.</param>
/// <param name="TotalBytes">Sum of the tensors' payload bytes.</param>
/// <param name="BytesByType">Payload bytes per dtype.</param>
public sealed record SafetensorsReport(
    string Path,
    IReadOnlyList<TensorEntry> Tensors,
    IReadOnlyDictionary<string, string> Metadata,
    long TotalBytes,
    IReadOnlyDictionary<string, long> BytesByType);
