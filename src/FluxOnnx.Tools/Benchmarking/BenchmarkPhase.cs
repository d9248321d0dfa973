namespace FluxOnnx.Tools.Benchmarking;

/// <summary>What <see cref="BenchmarkRunner.Run"/> is doing, reported through <see cref="BenchmarkProgress"/>.</summary>
public enum BenchmarkPhase
{
    /// <summary>Opening the package and creating its sessions.</summary>
    Opening,

    /// <summary>The warm-up run (not measured).</summary>
    WarmingUp,

    /// <summary>A measured run; <see cref="BenchmarkProgress.Run"/> is 1-based.</summary>
    Measuring,

    /// <summary>Timing one large MatMul through ORT.</summary>
    ProbingGemm,

    /// <summary>Writing the JSON and markdown files.</summary>
    Writing,
}
