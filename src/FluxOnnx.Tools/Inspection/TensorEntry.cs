namespace FluxOnnx.Tools.Inspection;

/// <summary>One tensor of an inspected file: a safetensors entry or an ONNX initializer.</summary>
/// <param name="Name">Stored name.</param>
/// <param name="ElementType">dtype as the file spells it (safetensors: F32, BF16...; ONNX: float32, float16...).</param>
/// <param name="Shape">Dimensions.</param>
/// <param name="Bytes">Payload size in bytes.</param>
public sealed record TensorEntry(string Name, string ElementType, IReadOnlyList<long> Shape, long Bytes);
