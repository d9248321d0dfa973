using System.Globalization;
using FluxOnnx.Packaging;

namespace FluxOnnx.Pipeline;

/// <summary>
/// A <see cref="GenerateRequest"/> checked against the package and with the manifest's defaults filled in; prompts,
/// tokens and seeds are expanded to one entry per batch item (seeds stay as given: one, or one per item).
/// </summary>
internal sealed record ResolvedRequest(
    string[] Prompts,
    PromptTokens[]? Tokens,
    ulong[] Seeds,
    int Batch,
    int Width,
    int Height,
    int Steps,
    float? Guidance,
    ImageInputs Images)
{
    /// <summary>Applies every rule of <see cref="GenerateRequest"/>'s documentation.</summary>
    /// <exception cref="InvalidGenerateRequestException">A member breaks a rule; its Field names it.</exception>
    public static ResolvedRequest Resolve(GenerateRequest request, PackageManifest manifest, bool hasGuidanceInput)
    {
        ArgumentNullException.ThrowIfNull(request);
        var batch = request.Batch;
        if (batch < 1)
        {
            throw Invalid(nameof(GenerateRequest.Batch), "at least 1", Format(batch));
        }
        var oneOrBatch = batch == 1 ? "1 entry" : $"1 or {batch} entries (Batch)";
        if (request.Prompts is null || (request.Prompts.Count != 1 && request.Prompts.Count != batch))
        {
            throw Invalid(nameof(GenerateRequest.Prompts), oneOrBatch, request.Prompts is null ? "null" : $"{request.Prompts.Count} entries");
        }
        if (request.Prompts.Any(p => p is null))
        {
            throw Invalid(nameof(GenerateRequest.Prompts), "non-null strings", "a null entry");
        }
        if (request.Seeds is null || (request.Seeds.Count != 1 && request.Seeds.Count != batch))
        {
            throw Invalid(nameof(GenerateRequest.Seeds), oneOrBatch, request.Seeds is null ? "null" : $"{request.Seeds.Count} entries");
        }
        PromptTokens[]? tokens = null;
        if (request.Tokens is { } given)
        {
            if (given.Count != 1 && given.Count != batch)
            {
                throw Invalid(nameof(GenerateRequest.Tokens), oneOrBatch, $"{given.Count} entries");
            }
            foreach (var t in given)
            {
                if (t?.ClipIds is null || t.T5Ids is null || t.ClipIds.Length != manifest.Text.Clip || t.T5Ids.Length != manifest.Text.T5)
                {
                    throw Invalid(nameof(GenerateRequest.Tokens), $"{manifest.Text.Clip} CLIP ids and {manifest.Text.T5} T5 ids per entry",
                        t is null ? "a null entry" : $"{t.ClipIds?.Length ?? 0} CLIP ids and {t.T5Ids?.Length ?? 0} T5 ids");
                }
            }
            tokens = Expand(given, batch);
        }
        if (request.Width is { } givenWidth)
        {
            CheckSize(nameof(GenerateRequest.Width), givenWidth, LatentGrid.PixelMultiple(manifest.Latent));
        }
        if (request.Height is { } givenHeight)
        {
            CheckSize(nameof(GenerateRequest.Height), givenHeight, LatentGrid.PixelMultiple(manifest.Latent));
        }
        var steps = request.Steps ?? manifest.Defaults.Steps;
        if (steps < 1)
        {
            throw Invalid(nameof(GenerateRequest.Steps), "at least 1", Format(steps));
        }
        float? guidance;
        if (!hasGuidanceInput)
        {
            if (request.Guidance is { } unused)
            {
                throw Invalid(nameof(GenerateRequest.Guidance),
                    $"null: the {manifest.Variant.Name()} transformer has no '{FluxIo.Guidance}' input", Format(unused));
            }
            guidance = null;
        }
        else
        {
            guidance = request.Guidance ?? manifest.Defaults.Guidance
                ?? throw Invalid(nameof(GenerateRequest.Guidance), "a value (the manifest records no default guidance)", "null");
            if (!float.IsFinite(guidance.Value))
            {
                throw Invalid(nameof(GenerateRequest.Guidance), "a finite number", Format(guidance.Value));
            }
        }
        // Images last: decoding is the most expensive check, and an image may set the size.
        var images = ImageInputs.Resolve(request, manifest.Variant, manifest.Latent, request.Width, request.Height,
            manifest.Defaults.Width, manifest.Defaults.Height);
        CheckSize(nameof(GenerateRequest.Width), images.Width, LatentGrid.PixelMultiple(manifest.Latent));
        CheckSize(nameof(GenerateRequest.Height), images.Height, LatentGrid.PixelMultiple(manifest.Latent));
        return new ResolvedRequest(Expand(request.Prompts, batch), tokens, request.Seeds.ToArray(), batch, images.Width, images.Height,
            steps, guidance, images);
    }

    /// <summary>Each side a positive multiple of the manifest's latent downsample × the 2×2 patch (<see cref="LatentGrid"/>).</summary>
    private static void CheckSize(string name, int pixels, int multiple)
    {
        if (pixels <= 0 || pixels % multiple != 0)
        {
            throw Invalid(name, $"a positive multiple of {multiple} pixels", Format(pixels));
        }
    }

    private static T[] Expand<T>(IReadOnlyList<T> items, int batch) =>
        items.Count == batch ? items.ToArray() : Enumerable.Repeat(items[0], batch).ToArray();

    private static string Format(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    private static InvalidGenerateRequestException Invalid(string name, string expected, string actual) => new(name, expected, actual);
}
