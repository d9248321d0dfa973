namespace FluxOnnx.Graphs.Building;

/// <summary>
/// Thrown when model code uses <see cref="OpType"/>, which needs <see cref="Domain"/> opset
/// <see cref="Required"/>, in a builder configured for opset <see cref="Actual"/>.
/// </summary>
public sealed class OpsetTooLowException(string opType, string domain, long required, long actual)
    : GraphBuildException($"{opType} needs opset {required} of '{(domain.Length == 0 ? "ai.onnx" : domain)}'; the graph targets {actual}.")
{
    public string OpType { get; } = opType;

    public string Domain { get; } = domain;

    public long Required { get; } = required;

    public long Actual { get; } = actual;
}
