using FluxOnnx.Packaging;
using FluxOnnx.Pipeline;

namespace FluxOnnx.Tools.Comparison;

/// <summary>
/// Measures how close a candidate package (B, e.g. int8) stays to a reference package (A, e.g. fp32): both generate
/// the same cases (same token ids or prompts, same seeds, size, steps and guidance), one package at a time so only
/// one set of sessions is loaded, and every intermediate tensor of B is compared with A's:
/// <code>
///  case ─► A: ids ─► T5 / CLIP ─► transformer × steps ─► VAE ─► 8-bit     (A's captures kept per case)
///  case ─► B: ids ─► T5 / CLIP ─► transformer × steps ─► VAE ─► 8-bit
///          ╰─ t5_states, clip_pooled, transformer_step_i, final_latent, vae_decoded: max/mean |b − a|, cosine
///          ╰─ image: PSNR, SSIM;  per package: bytes per component, median step time
/// </code>
/// Errors are end to end: B's transformer runs on B's own text states, so encoder differences propagate.
/// </summary>
public static class PackageComparer
{
    /// <exception cref="IncompatiblePackagesException">The packages differ in variant, text lengths, latent space or guidance input.</exception>
    /// <exception cref="PackageException">A package is missing or malformed, or lacks a text-to-image component.</exception>
    /// <exception cref="Debugging.ComponentInputException">The inputs file does not fit (see <see cref="ComparisonInputsFile"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one prompt was asked for.</exception>
    /// <exception cref="InvalidGenerateRequestException">Width, height or steps are invalid.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static ComparisonReport Compare(CompareRequest request, IProgress<ComparisonProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.InputsPath is null && request.Prompts < 1)
        {
            throw new InvalidCompareRequestException(nameof(CompareRequest.Prompts), "at least 1 (or an inputs file)",
                request.Prompts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (request.IntraOpThreads < 0)
        {
            throw new InvalidCompareRequestException(nameof(CompareRequest.IntraOpThreads), "0 or more",
                request.IntraOpThreads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var a = ModelPackage.Open(request.PackageA);
        var b = ModelPackage.Open(request.PackageB);
        PackageCompatibility.Check(a, b);
        var cases = request.InputsPath is null
            ? ComparisonPrompts.Cases(request.Prompts, request.FirstSeed)
            : ComparisonInputsFile.Read(request.InputsPath, a.Manifest.Text, request.FirstSeed);

        var options = new PipelineOptions
        {
            Provider = request.Provider,
            IntraOpThreads = request.IntraOpThreads,
            PromptCacheCapacity = 0,
        };
        var reference = new CaseCapture?[cases.Count];
        var accumulator = new CaseAccumulator();
        PackageSummary summaryA, summaryB;
        PackageRun.Settings settings;
        using (var pipeline = Open(a, "a", options, progress, cancellationToken))
        {
            var d = a.Manifest.Defaults;
            settings = new PackageRun.Settings(request.Width ?? d.Width, request.Height ?? d.Height, request.Steps ?? d.Steps,
                pipeline.HasGuidanceInput ? d.Guidance : null);
            var times = new List<double>();
            PackageRun.Run(pipeline, "a", cases, settings, (c, capture) =>
            {
                reference[c.Index] = capture;
                times.AddRange(capture.StepMilliseconds);
            }, progress, cancellationToken);
            summaryA = Summary(a, pipeline, times);
        }
        using (var pipeline = Open(b, "b", options, progress, cancellationToken))
        {
            var times = new List<double>();
            PackageRun.Run(pipeline, "b", cases, settings, (c, capture) =>
            {
                accumulator.Add(c, reference[c.Index]!, capture);
                reference[c.Index] = null;
                times.AddRange(capture.StepMilliseconds);
            }, progress, cancellationToken);
            summaryB = Summary(b, pipeline, times);
        }
        progress?.Report(new ComparisonProgress(ComparisonStage.Completed, null, cases.Count, cases.Count));
        return new ComparisonReport(summaryA, summaryB, request.InputsPath is null ? null : Path.GetFullPath(request.InputsPath),
            settings.Width, settings.Height, settings.Steps, settings.Guidance, accumulator.Tensors(), accumulator.Steps(), accumulator.Images());
    }

    private static FluxPipeline Open(ModelPackage package, string label, PipelineOptions options,
        IProgress<ComparisonProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new ComparisonProgress(ComparisonStage.Opening, label, 0, 0));
        return FluxPipeline.Open(package.Root, options, cancellationToken: cancellationToken);
    }

    private static PackageSummary Summary(ModelPackage package, FluxPipeline pipeline, List<double> stepMilliseconds)
    {
        var m = package.Manifest;
        return new PackageSummary(package.Root, m.Variant, m.Precision, m.Target, pipeline.Providers.Primary.ToString().ToLowerInvariant(),
            PackageSizes.PerComponent(package), PackageSizes.Total(package), Median(stepMilliseconds), stepMilliseconds.Count);
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
