namespace FluxOnnx.Graphs.Building;

public sealed partial class GraphBuilder
{
    // Open keep-float32 regions, innermost last; each holds the op types it tags (empty: every op).
    private readonly List<IReadOnlySet<string>> _keepFloat32 = [];

    /// <summary>
    /// Tags the nodes emitted until the handle is disposed as kept in float32: the float16 pass
    /// (<c>Passes.Float16Pass</c>) leaves them, their weights and their inputs in float32 and casts at the region's
    /// edges. With <paramref name="opTypes"/>, only nodes of those op types are tagged (the LayerNormalization of a
    /// modulated norm, but not the Mul after it). Regions nest; a node is tagged if any open region tags it. This is
    /// the precision policy for activations, marked where the overflow-prone nodes are emitted (FLUX-FACTS "Known
    /// traps": fp16 overflow past 65504, RoPE precision).
    /// </summary>
    /// <example>
    /// <code>
    /// using (g.KeepFloat32()) pe = EmbedND.Apply(g, ids, axesDim, theta);                 // every node
    /// using (g.KeepFloat32("LayerNormalization")) x = ModulatedLayerNorm.Apply(g, x, ...); // the norm only
    /// </code>
    /// </example>
    public IDisposable KeepFloat32(params string[] opTypes)
    {
        ArgumentNullException.ThrowIfNull(opTypes);
        foreach (var opType in opTypes) ArgumentException.ThrowIfNullOrEmpty(opType, nameof(opTypes));
        _keepFloat32.Add(opTypes.ToHashSet(StringComparer.Ordinal));
        return new ScopeHandle(PopKeepFloat32, _keepFloat32.Count);
    }

    /// <summary>
    /// <see cref="KeepFloat32(string[])"/> when <paramref name="condition"/> holds (the late single blocks), else a
    /// handle that tags nothing.
    /// </summary>
    public IDisposable KeepFloat32If(bool condition, params string[] opTypes) =>
        condition ? KeepFloat32(opTypes) : NoRegion.Instance;

    /// <summary>Whether a node of <paramref name="opType"/> emitted now is tagged by an open region.</summary>
    private bool KeepsFloat32(string opType) => _keepFloat32.Any(region => region.Count == 0 || region.Contains(opType));

    private void PopKeepFloat32(int depth)
    {
        if (_keepFloat32.Count != depth)
        {
            throw new InvalidOperationException(
                $"Keep-float32 regions must be disposed innermost first: disposing region {depth} of {_keepFloat32.Count}.");
        }
        _keepFloat32.RemoveAt(_keepFloat32.Count - 1);
    }

    private sealed class NoRegion : IDisposable
    {
        public static readonly NoRegion Instance = new();

        public void Dispose() { }
    }
}
