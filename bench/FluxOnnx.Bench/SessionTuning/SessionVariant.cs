using FluxOnnx.Runtime;

namespace FluxOnnx.Bench.SessionTuning;

/// <summary>One ORT session setting varied by <c>session-options</c>, by name, and the settings it gives.</summary>
internal static class SessionVariant
{
    /// <summary>The variants in the order they are run: ORT defaults first, then one setting changed at a time, then all memory settings off.</summary>
    public static readonly string[] Names = ["default", "prepack-off", "arena-off", "mem-pattern-off", "lean", "spinning-off", "threads-0"];

    /// <summary>The session settings of <paramref name="name"/> (2 intra-op threads, sequential, full optimization unless the variant says otherwise).</summary>
    public static SessionSettings For(string name)
    {
        var two = new SessionSettings(IntraOpThreads: 2, InterOpThreads: 1);
        return name switch
        {
            "default" => two,
            "prepack-off" => two with { PrepackWeights = false },
            "arena-off" => two with { EnableCpuMemArena = false },
            "mem-pattern-off" => two with { EnableMemoryPattern = false },
            "lean" => two with { PrepackWeights = false, EnableCpuMemArena = false, EnableMemoryPattern = false },
            "spinning-off" => two with { AllowSpinning = false },
            "threads-0" => new SessionSettings(IntraOpThreads: 0, InterOpThreads: 1), // ORT's choice: one per physical core
            _ => throw new ArgumentException($"unknown variant {name}; one of {string.Join(", ", Names)}", nameof(name)),
        };
    }
}
