using FluxOnnx.Pipeline;

namespace FluxOnnx.Tools.Comparison;

/// <summary>Runs every case through one package, batch 1 each, handing each case's capture to a callback.</summary>
internal static class PackageRun
{
    /// <summary>The generation parameters shared by both packages.</summary>
    public sealed record Settings(int Width, int Height, int Steps, float? Guidance);

    public static void Run(FluxPipeline pipeline, string label, IReadOnlyList<ComparisonCase> cases, Settings settings,
        Action<ComparisonCase, CaseCapture> onCase, IProgress<ComparisonProgress>? progress, CancellationToken cancellationToken)
    {
        foreach (var c in cases)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var observer = new CapturingObserver();
            var request = new GenerateRequest
            {
                Prompts = [c.Prompt ?? ""],
                Tokens = c.Tokens is null ? null : [c.Tokens],
                Seeds = [c.Seed],
                Width = settings.Width,
                Height = settings.Height,
                Steps = settings.Steps,
                Guidance = settings.Guidance,
            };
            var image = pipeline.Generate(request, observer: observer, cancellationToken: cancellationToken)[0];
            onCase(c, new CaseCapture(observer.Txt, observer.Vec, observer.Predictions, observer.FinalLatent,
                observer.Decoded, image.Image, observer.StepMilliseconds));
            progress?.Report(new ComparisonProgress(ComparisonStage.Generating, label, c.Index + 1, cases.Count));
        }
    }
}
