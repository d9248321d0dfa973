using FluxOnnx.Graphs.Onnx;
using FluxOnnx.Graphs.Tensors;

namespace FluxOnnx.Graphs.Building;

/// <summary>
/// The result of <see cref="GraphBuilder.Build"/>: a complete <see cref="ModelProto"/> whose initializers carry
/// name, <c>data_type</c> and <c>dims</c> but no payload, plus the source of each payload. Holds no weight
/// bytes, so op-count checks on full-size configurations cost only the graph. Pass it to
/// <see cref="Writing.OnnxModelWriter"/> to stream the weights out; the writer leaves <see cref="Proto"/> as is.
/// </summary>
public sealed class BuiltModel
{
    internal BuiltModel(ModelProto proto, IReadOnlyList<ITensorSource> initializerSources, IReadOnlySet<string> keptFloat32)
    {
        Proto = proto;
        InitializerSources = initializerSources;
        KeptFloat32 = keptFloat32;
    }

    /// <summary>The model without initializer payloads. Callers may read it; mutating it changes what is written.</summary>
    public ModelProto Proto { get; }

    /// <summary>Payload sources, index-aligned with <c>Proto.Graph.Initializer</c>.</summary>
    public IReadOnlyList<ITensorSource> InitializerSources { get; }

    /// <summary>
    /// Names of the nodes graph code emitted inside <see cref="GraphBuilder.KeepFloat32(string[])"/> regions: the
    /// nodes <see cref="Passes.Float16Pass"/> leaves in float32. Node names are unique, so the set identifies them.
    /// </summary>
    public IReadOnlySet<string> KeptFloat32 { get; }

    /// <summary>Sum of <see cref="ITensorSource.ByteLength"/> over all initializers.</summary>
    public long TotalInitializerBytes => InitializerSources.Sum(s => s.ByteLength);

    /// <summary>Number of nodes of <paramref name="opType"/> (in any domain).</summary>
    public int CountOps(string opType) => Proto.Graph.Node.Count(n => n.OpType == opType);
}
