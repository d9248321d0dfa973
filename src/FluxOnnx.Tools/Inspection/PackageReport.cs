using FluxOnnx.Packaging;

namespace FluxOnnx.Tools.Inspection;

/// <summary>What <c>flux inspect</c> shows of a model package folder: its manifest and each graph's report.</summary>
/// <param name="Path">The package folder.</param>
/// <param name="Manifest">The parsed manifest.</param>
/// <param name="Components">Report per component role.</param>
/// <param name="TotalBytes">Bytes of every file the manifest lists.</param>
public sealed record PackageReport(
    string Path,
    PackageManifest Manifest,
    IReadOnlyDictionary<string, OnnxModelReport> Components,
    long TotalBytes);
