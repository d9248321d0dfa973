namespace FluxOnnx.Pipeline;

/// <summary>One progress report of <see cref="FluxPipeline"/>.</summary>
/// <param name="Stage">What happened.</param>
/// <param name="Step">For <see cref="PipelineStage.Denoising"/>, the step just finished (1-based); otherwise 0.</param>
/// <param name="TotalSteps">Number of denoising steps of the call (0 while opening).</param>
/// <param name="Elapsed">Time since the call (or the open) started.</param>
/// <param name="Component">The component role for <see cref="PipelineStage.LoadingComponent"/>; the prompt text for the
/// prompt stages (null when tokens were supplied); otherwise null.</param>
public sealed record PipelineProgress(PipelineStage Stage, int Step, int TotalSteps, TimeSpan Elapsed, string? Component = null);
