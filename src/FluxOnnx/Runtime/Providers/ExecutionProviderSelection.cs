namespace FluxOnnx.Runtime.Providers;

/// <summary>The outcome of appending an execution provider request.</summary>
/// <param name="Appended">Providers appended, in preference order; never empty (CPU counts as appended).</param>
/// <param name="Failures">Providers tried first and passed over (only <see cref="AutoProviderRequest"/> has any).</param>
public sealed record ExecutionProviderSelection(
    IReadOnlyList<ExecutionProviderKind> Appended,
    IReadOnlyList<ExecutionProviderFailure> Failures)
{
    /// <summary>The provider ORT will prefer for each node.</summary>
    public ExecutionProviderKind Primary => Appended[0];
}
