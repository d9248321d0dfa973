namespace FluxOnnx.Packaging;

/// <summary>One graph of a package (transformer, text encoder, VAE half).</summary>
/// <param name="Path">Graph file relative to the package root, e.g. <c>transformer/model.onnx</c>.</param>
/// <param name="Data">External data file relative to the package root, or null when all weights are inline.</param>
/// <param name="IrVersion">ONNX IR version of the graph.</param>
/// <param name="Opsets">Opset imports: domain ("" for ai.onnx) to version.</param>
/// <param name="Inputs">Graph inputs in graph order.</param>
/// <param name="Outputs">Graph outputs in graph order.</param>
/// <param name="Config">The architecture config the graph was built from, as written by the converter.</param>
public sealed record ComponentManifest(
    string Path,
    string? Data,
    long IrVersion,
    IReadOnlyDictionary<string, long> Opsets,
    IReadOnlyList<TensorSignature> Inputs,
    IReadOnlyList<TensorSignature> Outputs,
    IReadOnlyDictionary<string, System.Text.Json.JsonElement>? Config);
