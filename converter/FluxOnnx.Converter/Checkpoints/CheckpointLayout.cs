namespace FluxOnnx.Converter.Checkpoints;

/// <summary>What <see cref="CheckpointDetector.Detect"/> found at a path: every component and where it is.</summary>
/// <param name="Path">The file or folder that was inspected (full path).</param>
/// <param name="Components">One entry per component found, in <see cref="ComponentKind"/> order.</param>
public sealed record CheckpointLayout(string Path, IReadOnlyList<ComponentLocation> Components)
{
    /// <summary>The component of <paramref name="kind"/>, or null when the checkpoint has none.</summary>
    public ComponentLocation? Find(ComponentKind kind) => Components.FirstOrDefault(c => c.Kind == kind);
}
