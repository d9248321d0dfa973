namespace FluxOnnx.Tools.Profiling;

/// <summary>One group of a <see cref="ProfileBreakdown"/>: its key, its kernel time and kernel count per run.</summary>
public sealed record ProfileRow(string Key, double MicrosecondsPerRun, double KernelsPerRun);
