namespace FluxOnnx.Tools.Comparison;

/// <summary>One side of a comparison: what the package is, how big, how fast.</summary>
/// <param name="Path">Absolute package folder.</param>
/// <param name="Variant">Manifest variant.</param>
/// <param name="Precision">Manifest precision (fp32, fp16, ...).</param>
/// <param name="Target">Manifest target (cpu, tensorrt, ...).</param>
/// <param name="Provider">Execution provider the sessions ran on (lower case).</param>
/// <param name="ComponentBytes">Bytes on disk per component role: its graph, its external data and any other manifest
/// file under the role's folder.</param>
/// <param name="TotalBytes">Bytes of every file the manifest lists (components, tokenizers).</param>
/// <param name="MedianStepMilliseconds">Median wall time of one denoising step (transformer run plus Euler update),
/// over every step of every case.</param>
/// <param name="StepCount">Number of timed steps.</param>
public sealed record PackageSummary(
    string Path,
    Variant Variant,
    Precision Precision,
    Target Target,
    string Provider,
    IReadOnlyDictionary<string, long> ComponentBytes,
    long TotalBytes,
    double MedianStepMilliseconds,
    int StepCount);
