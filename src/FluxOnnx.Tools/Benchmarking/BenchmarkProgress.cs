using FluxOnnx.Pipeline;

namespace FluxOnnx.Tools.Benchmarking;

/// <summary>One progress report of <see cref="BenchmarkRunner.Run"/>.</summary>
/// <param name="Phase">What is being done.</param>
/// <param name="Run">For <see cref="BenchmarkPhase.Measuring"/>, the run (1-based); otherwise 0.</param>
/// <param name="Runs">Number of measured runs.</param>
/// <param name="Pipeline">The pipeline's own report inside a run or while opening; null otherwise.</param>
public sealed record BenchmarkProgress(BenchmarkPhase Phase, int Run, int Runs, PipelineProgress? Pipeline = null);
