namespace FluxOnnx.Graphs.Building;

/// <summary>Where a <see cref="Value"/> comes from; decides whether a graph output needs an Identity node.</summary>
internal enum ValueKind
{
    GraphInput,
    Initializer,
    NodeOutput,
}
