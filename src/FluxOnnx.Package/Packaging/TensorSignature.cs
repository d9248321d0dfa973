namespace FluxOnnx.Packaging;

/// <summary>Name, element type and shape of a graph input or output.</summary>
/// <param name="Name">The graph's value name (e.g. <c>hidden_states</c>).</param>
/// <param name="ElementType">Element type; the manifest spells it in lower case (float32, float16, bfloat16, int64, ...).</param>
/// <param name="Shape">One entry per axis: a number for a fixed dim, a name (e.g. <c>batch</c>) for a symbolic one.</param>
public sealed record TensorSignature(string Name, ElementType ElementType, IReadOnlyList<string> Shape);
