using FluxOnnx.Packaging;

namespace FluxOnnx.Tools.Inspection;

/// <summary>What <c>flux inspect</c> shows of an ONNX model file.</summary>
/// <param name="Path">The inspected file.</param>
/// <param name="IrVersion">ModelProto.ir_version.</param>
/// <param name="Opsets">Opset imports: domain ("" = ai.onnx) to version.</param>
/// <param name="Producer">producer_name and producer_version.</param>
/// <param name="Inputs">Graph inputs that are not initializers.</param>
/// <param name="Outputs">Graph outputs.</param>
/// <param name="OpCounts">Node count per op type ("domain:op" outside ai.onnx), most frequent first.</param>
/// <param name="InitializerCount">Number of initializers.</param>
/// <param name="InitializerBytesByType">Initializer payload bytes per element type, inline and external together.</param>
/// <param name="ExternalDataFiles">External data files the initializers point at (relative to the model).</param>
public sealed record OnnxModelReport(
    string Path,
    long IrVersion,
    IReadOnlyDictionary<string, long> Opsets,
    string Producer,
    IReadOnlyList<TensorSignature> Inputs,
    IReadOnlyList<TensorSignature> Outputs,
    IReadOnlyList<KeyValuePair<string, int>> OpCounts,
    int InitializerCount,
    IReadOnlyDictionary<string, long> InitializerBytesByType,
    IReadOnlyList<string> ExternalDataFiles);
