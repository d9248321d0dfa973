namespace FluxOnnx.Graphs.Building;

/// <summary>
/// Thrown by <see cref="GraphBuilder.Build"/> when node <see cref="NodeName"/> (or a graph output, then
/// <see cref="NodeName"/> is null) reads value <see cref="ValueName"/>, which no graph input, initializer or
/// earlier node defines — typically a <see cref="Value"/> created by another <see cref="GraphBuilder"/>.
/// </summary>
public sealed class UndefinedValueException(string? nodeName, string valueName)
    : GraphBuildException(nodeName is null
        ? $"Graph output '{valueName}' is not defined in this graph."
        : $"Node '{nodeName}' reads '{valueName}', which no graph input, initializer or earlier node defines.")
{
    public string? NodeName { get; } = nodeName;

    public string ValueName { get; } = valueName;
}
