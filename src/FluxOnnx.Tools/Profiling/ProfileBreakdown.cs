using System.Text.RegularExpressions;

namespace FluxOnnx.Tools.Profiling;

/// <summary>
/// Kernel time of an <see cref="OrtProfile"/> grouped three ways, per measured run: by <see cref="StepPart"/>, by op
/// type, and by module scope (the node name without its last segment, block indices replaced by <c>*</c>, so
/// <c>/transformer/double_blocks.0/img_attn/qkv/MatMul</c> counts under <c>/transformer/double_blocks.*/img_attn/qkv</c>).
/// Rows are sorted by time, largest first.
/// </summary>
public sealed partial class ProfileBreakdown
{
    private ProfileBreakdown(OrtProfile profile)
    {
        Profile = profile;
        double runs = profile.Runs;
        ByPart = Group(profile, n => StepParts.Of(n).ToString(), runs);
        ByOpType = Group(profile, n => n.OpType, runs);
        ByScope = Group(profile, n => ScopeOf(n.Node), runs);
        KernelMicrosecondsPerRun = profile.Nodes.Sum(n => n.DurationMicroseconds) / runs;
        RunMicrosecondsPerRun = profile.RunMicroseconds.Average();
        ArenaInUsePeakBytes = profile.Nodes.Max(n => n.ArenaInUsePeakBytes);
        ArenaHeldBytes = profile.Nodes.Max(n => n.ArenaHeldBytes);
        var linears = profile.Nodes.Where(n => n.LinearFlops() is not null).ToList();
        LinearFlopsPerRun = linears.Sum(n => n.LinearFlops()!.Value) / runs;
        LinearMicrosecondsPerRun = linears.Sum(n => n.DurationMicroseconds) / runs;
    }

    public OrtProfile Profile { get; }

    /// <summary>Time per <see cref="StepPart"/> (its name as key).</summary>
    public IReadOnlyList<ProfileRow> ByPart { get; }

    public IReadOnlyList<ProfileRow> ByOpType { get; }

    public IReadOnlyList<ProfileRow> ByScope { get; }

    /// <summary>Sum of all kernel times of one run, in microseconds (mean over the measured runs).</summary>
    public double KernelMicrosecondsPerRun { get; }

    /// <summary>The runs' own duration (<c>model_run</c>), mean, in microseconds; minus the kernel sum it is the executor's overhead.</summary>
    public double RunMicrosecondsPerRun { get; }

    /// <summary>The CPU arena's largest peak-in-use over the measured runs (ORT's <c>mem_in_use_peak</c>), or null when the trace has none.</summary>
    public long? ArenaInUsePeakBytes { get; }

    /// <summary>The most the CPU arena held from the system during the measured runs (<c>mem_arena_held</c>), or null.</summary>
    public long? ArenaHeldBytes { get; }

    /// <summary>FLOPs of one run's Linear kernels (<see cref="OrtNodeTiming.LinearFlops"/>), mean over the runs.</summary>
    public double LinearFlopsPerRun { get; }

    /// <summary>Kernel time of those Linear kernels per run, in microseconds.</summary>
    public double LinearMicrosecondsPerRun { get; }

    public static ProfileBreakdown Of(OrtProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new ProfileBreakdown(profile);
    }

    /// <summary>The module scope of a node name: its last path segment dropped, block indices as <c>*</c>.</summary>
    public static string ScopeOf(string node)
    {
        ArgumentNullException.ThrowIfNull(node);
        int slash = node.LastIndexOf('/');
        string scope = slash > 0 ? node[..slash] : node;
        return BlockIndex().Replace(scope, "$1.*");
    }

    private static List<ProfileRow> Group(OrtProfile profile, Func<OrtNodeTiming, string> key, double runs) =>
        profile.Nodes.GroupBy(key, StringComparer.Ordinal)
            .Select(g => new ProfileRow(g.Key, g.Sum(n => n.DurationMicroseconds) / runs, g.Count() / runs))
            .OrderByDescending(r => r.MicrosecondsPerRun).ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex(@"(double_blocks|single_blocks|blocks|layers)\.\d+")]
    private static partial Regex BlockIndex();
}
