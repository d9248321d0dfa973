namespace FluxOnnx.Graphs.Building;

/// <summary>
/// A node as recorded by the builder; turned into a NodeProto at Build time, when value names are final. Null
/// entries of Inputs are omitted optional inputs (written as the empty name). <see cref="KeepFloat32"/>: emitted
/// inside a <see cref="GraphBuilder.KeepFloat32(string[])"/> region that tags its op type.
/// </summary>
internal sealed record NodeRecord(
    string Name,
    string OpType,
    string Domain,
    IReadOnlyList<Value?> Inputs,
    IReadOnlyList<Value> Outputs,
    IReadOnlyList<NodeAttribute> Attributes,
    bool KeepFloat32);
