namespace FluxOnnx.Converter.Checkpoints;

/// <summary>A component was asked of a checkpoint that does not hold it.</summary>
public sealed class MissingComponentException : CheckpointException
{
    public MissingComponentException(string filePath, ComponentKind kind, IReadOnlyList<ComponentKind> available)
        : base(filePath, null, $"the checkpoint holds no {kind} (it holds: {(available.Count == 0 ? "nothing" : string.Join(", ", available))})")
    {
        Kind = kind;
        Available = available;
    }

    public ComponentKind Kind { get; }

    public IReadOnlyList<ComponentKind> Available { get; }
}
