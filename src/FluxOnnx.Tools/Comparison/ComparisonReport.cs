namespace FluxOnnx.Tools.Comparison;

/// <summary>
/// The result of <see cref="PackageComparer.Compare"/>: package B measured against package A (the reference) on the
/// same cases. Written as JSON by <see cref="ComparisonReportJson"/>.
/// </summary>
/// <param name="A">The reference package.</param>
/// <param name="B">The candidate package.</param>
/// <param name="InputsPath">The token-ids file the cases came from, or null for the built-in prompts.</param>
/// <param name="Width">Image width of every case.</param>
/// <param name="Height">Image height of every case.</param>
/// <param name="Steps">Denoising steps of every case.</param>
/// <param name="Guidance">Guidance fed to both transformers, or null when they take none.</param>
/// <param name="Tensors">Errors per compared tensor, in <see cref="ComparedTensors.All"/> order.</param>
/// <param name="TransformerSteps">Prediction errors of each step (over every case), in step order.</param>
/// <param name="Image">The 8-bit images.</param>
public sealed record ComparisonReport(
    PackageSummary A,
    PackageSummary B,
    string? InputsPath,
    int Width,
    int Height,
    int Steps,
    float? Guidance,
    IReadOnlyList<TensorErrors> Tensors,
    IReadOnlyList<TensorErrors> TransformerSteps,
    ImageComparison Image)
{
    /// <summary>The errors of one of <see cref="ComparedTensors.All"/>.</summary>
    public TensorErrors this[string name] => Tensors.First(t => t.Name == name);
}
