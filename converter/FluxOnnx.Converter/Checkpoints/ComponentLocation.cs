namespace FluxOnnx.Converter.Checkpoints;

/// <summary>Where one component's tensors are and how they are named.</summary>
/// <param name="Kind">Which model.</param>
/// <param name="Format">Where the checkpoint came from (the manifest's format name).</param>
/// <param name="Layout">How the stored names are spelled.</param>
/// <param name="TensorsPath">A <c>.safetensors</c> file or a <c>*.safetensors.index.json</c> of shards.</param>
/// <param name="Prefix">Prefix of this component's names inside the file ("" for none).</param>
/// <param name="ConfigPath">The diffusers / HF <c>config.json</c> beside the weights, when there is one.</param>
public sealed record ComponentLocation(
    ComponentKind Kind,
    CheckpointFormat Format,
    KeyLayout Layout,
    string TensorsPath,
    string Prefix,
    string? ConfigPath);
