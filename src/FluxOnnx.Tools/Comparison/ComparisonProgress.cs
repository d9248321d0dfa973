namespace FluxOnnx.Tools.Comparison;

/// <summary>One progress report of <see cref="PackageComparer.Compare"/>.</summary>
/// <param name="Stage">What is happening.</param>
/// <param name="Package"><c>a</c> or <c>b</c>; null for <see cref="ComparisonStage.Completed"/>.</param>
/// <param name="Done">Cases finished by this package.</param>
/// <param name="Total">Number of cases.</param>
public sealed record ComparisonProgress(ComparisonStage Stage, string? Package, int Done, int Total);
