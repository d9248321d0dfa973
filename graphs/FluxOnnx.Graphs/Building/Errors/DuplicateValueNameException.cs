namespace FluxOnnx.Graphs.Building;

/// <summary>
/// Thrown by <see cref="GraphBuilder.Build"/> when two graph inputs, initializers, node outputs or graph
/// outputs share the ONNX name <see cref="ValueName"/>.
/// </summary>
public sealed class DuplicateValueNameException(string valueName)
    : GraphBuildException($"The value name '{valueName}' is defined more than once.")
{
    public string ValueName { get; } = valueName;
}
