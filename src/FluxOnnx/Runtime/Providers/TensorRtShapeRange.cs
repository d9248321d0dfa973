namespace FluxOnnx.Runtime.Providers;

/// <summary>
/// The image sizes and batch sizes a TensorRT engine is built for. Defaults cover FLUX.1's range: 256² to 2048²
/// pixels (FLUX.1 is trained up to about 2 megapixels), tuned for 1024², batch 1 to 4.
/// </summary>
public sealed record TensorRtShapeRange(
    int MinWidth = 256, int MinHeight = 256,
    int OptWidth = 1024, int OptHeight = 1024,
    int MaxWidth = 2048, int MaxHeight = 2048,
    int MinBatch = 1, int OptBatch = 1, int MaxBatch = 4);
