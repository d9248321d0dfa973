namespace FluxOnnx.Graphs.Writing;

/// <summary>
/// Reported after each initializer is written (inline or external). Byte counts are payload bytes, padding
/// excluded; <see cref="TotalBytes"/> is the sum of all sources' byte lengths.
/// </summary>
public readonly record struct ModelWriteProgress(
    int TensorsWritten,
    int TotalTensors,
    long BytesWritten,
    long TotalBytes,
    string TensorName);
