namespace FluxOnnx.Graphs.Writing;

/// <summary>
/// What <see cref="OnnxModelWriter.Write"/> produced. <see cref="DataPath"/> is null when every initializer was
/// small enough to stay inline (then no data file is written).
/// </summary>
public sealed record ModelWriteResult(
    string ModelPath,
    string? DataPath,
    int InlineTensors,
    int ExternalTensors,
    long ExternalDataBytes);
