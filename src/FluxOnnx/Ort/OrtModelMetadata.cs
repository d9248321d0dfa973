namespace FluxOnnx.Ort;

/// <summary>
/// Fields of the loaded ModelProto, copied out of ORT when the session was created. <c>CustomMetadata</c> holds the
/// model's <c>metadata_props</c> key/value pairs.
/// </summary>
public sealed record OrtModelMetadata(
    string ProducerName,
    string GraphName,
    string Domain,
    string Description,
    long Version,
    IReadOnlyDictionary<string, string> CustomMetadata);
