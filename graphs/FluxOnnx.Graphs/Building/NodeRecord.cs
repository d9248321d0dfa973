namespace FluxOnnx.Graphs.Building;

/// <summary>
/// A node as recorded by the builder; turned into a NodeProto at Build time, when value names are final. Null
/// entries of Inputs are omitted optional inputs (written as the empty name).
/// </summary>
internal sealed record NodeRecord(
    string Name,
    string OpType,
    string Domain,
    IReadOnlyList<Value?> Inputs,
    IReadOnlyList<Value> Outputs,
    IReadOnlyList<NodeAttribute> Attributes);
