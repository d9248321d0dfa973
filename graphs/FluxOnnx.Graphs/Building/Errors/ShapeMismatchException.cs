namespace FluxOnnx.Graphs.Building;

/// <summary>
/// Thrown while adding node <see cref="NodeName"/> when its inputs' shapes cannot work together: e.g. MatMul
/// inner sizes differ, broadcasting meets 3 against 4, or a reshape does not preserve the element count.
/// <see cref="Expected"/> and <see cref="Actual"/> are the two shapes that disagree (for binary ops: left
/// then right input); <see cref="Detail"/> says which dims.
/// </summary>
public sealed class ShapeMismatchException(string nodeName, Shape expected, Shape actual, string detail)
    : GraphBuildException($"{nodeName}: {detail} (expected {expected}, actual {actual}).")
{
    public string NodeName { get; } = nodeName;

    public Shape Expected { get; } = expected;

    public Shape Actual { get; } = actual;

    public string Detail { get; } = detail;
}
