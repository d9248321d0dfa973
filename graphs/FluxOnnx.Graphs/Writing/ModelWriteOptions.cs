namespace FluxOnnx.Graphs.Writing;

/// <summary>
/// Layout choices for <see cref="OnnxModelWriter"/>.
/// </summary>
/// <remarks>
/// Alignment: every external tensor starts at a multiple of <see cref="Alignment"/> (64 bytes: a cache line and
/// the widest SIMD load, so a runtime reading the file in place never straddles). Tensors of at least
/// <see cref="LargeTensorThreshold"/> bytes start at a multiple of <see cref="LargeTensorAlignment"/> (4096: the
/// Linux page size) so ONNX Runtime can memory-map them without copying; the padding costs under 4 KiB per large
/// tensor, a few MB on a 12-billion-parameter transformer. Set 65536 for Windows' mapping granularity.
/// </remarks>
public sealed record ModelWriteOptions
{
    /// <summary>External data file name, beside the model; null means <c>{model file name}.data</c>.</summary>
    public string? DataFileName { get; init; }

    /// <summary>Tensors with fewer bytes than this stay inline as <c>raw_data</c> (1 KiB: scalars, shapes, biases of tiny tests).</summary>
    public long InlineThreshold { get; init; } = 1024;

    /// <summary>Offset alignment of every external tensor, a power of two.</summary>
    public int Alignment { get; init; } = 64;

    /// <summary>Size from which <see cref="LargeTensorAlignment"/> applies.</summary>
    public long LargeTensorThreshold { get; init; } = 1 << 20;

    /// <summary>Offset alignment of large tensors, a power of two and a multiple of <see cref="Alignment"/>.</summary>
    public int LargeTensorAlignment { get; init; } = 4096;
}
