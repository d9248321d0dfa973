namespace FluxOnnx.Graphs.Building;

/// <summary>
/// Thrown while adding node <see cref="NodeName"/> when input <see cref="ValueName"/> has element type
/// <see cref="Actual"/> where the op needs <see cref="Expected"/> (e.g. Add of FLOAT16 and FLOAT: insert a Cast).
/// </summary>
public sealed class ElementTypeMismatchException(string nodeName, string valueName, ElementType expected, ElementType actual)
    : GraphBuildException($"{nodeName}: input '{valueName}' is {actual}, expected {expected}.")
{
    public string NodeName { get; } = nodeName;

    public string ValueName { get; } = valueName;

    public ElementType Expected { get; } = expected;

    public ElementType Actual { get; } = actual;
}
