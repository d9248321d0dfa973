namespace FluxOnnx.Ort;

/// <summary>
/// A graph input or output as the session sees it. For non-tensors <see cref="ElementType"/> is
/// <see cref="OrtElementType.Undefined"/> and <see cref="Shape"/> is empty.
/// </summary>
public sealed record OrtNodeInfo(string Name, OrtValueKind Kind, OrtElementType ElementType, IReadOnlyList<OrtDimension> Shape)
{
    public override string ToString() => $"{Name}: {ElementType}[{string.Join(", ", Shape)}]";
}
