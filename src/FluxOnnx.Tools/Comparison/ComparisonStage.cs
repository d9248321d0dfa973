namespace FluxOnnx.Tools.Comparison;

/// <summary>Stages <see cref="PackageComparer.Compare"/> reports through <see cref="ComparisonProgress"/>.</summary>
public enum ComparisonStage
{
    /// <summary>A package's sessions are being created.</summary>
    Opening,

    /// <summary>A package finished one more case (<see cref="ComparisonProgress.Done"/> of <see cref="ComparisonProgress.Total"/>).</summary>
    Generating,

    /// <summary>Both packages ran; the report is complete.</summary>
    Completed,
}
