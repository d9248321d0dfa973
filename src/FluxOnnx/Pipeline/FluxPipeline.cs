using System.Diagnostics;
using FluxOnnx.Imaging;
using FluxOnnx.Latents;
using FluxOnnx.Noise;
using FluxOnnx.Runtime;
using FluxOnnx.Runtime.Providers;
using FluxOnnx.Packaging;
using FluxOnnx.Sampling;

namespace FluxOnnx.Pipeline;

/// <summary>
/// FLUX.1 over a FluxOnnx model package, step for step the reference's (black-forest-labs/flux <c>src/flux/cli.py</c>
/// main loop, <c>src/flux/sampling.py</c>): text-to-image, and the image-conditioned modes the package's variant
/// supports (img2img on schnell / dev, Fill, Canny / Depth, Kontext; see <see cref="GenerateRequest"/>):
/// <code>
///  prompt ─► CLIP ids ─► text_encoder ─► pooled_embeddings ───────► vec [B, P]
///        └─► T5 ids ───► text_encoder_2 ─► text_embeddings ──────► txt [B, L, D]
///  seed(s) ─► get_noise (bf16) [B,16,h,w] ─► pack ─► x [B, S, 64]      img_ids [S,3], txt_ids [L,3]
///  get_schedule(steps, S, shift) ─► for t, t_next: x += (t_next − t) · transformer(x, txt, vec, t, ids[, guidance])
///  x ─► unpack [B,16,h,w] ─► vae_decoder ─► images [B,3,H,W] ─► clamp, 127.5·(x+1), truncate ─► RGB
///  images ─► vae_encoder ─► img2img: x = t·noise + (1−t)·x0 at t = timesteps[int((1−S)·N)], loop from there
///                        └► Fill / Canny / Depth: img_cond, cat((x, img_cond), -1) each step
///                        └► Kontext: reference tokens + ids (1,i,j), cat((x, ref), 1) each step, out[:, :S]
/// </code>
/// Graph I/O is bound by the names of <see cref="FluxIo"/>, checked against the manifest at <see cref="Open"/>
/// and against each session when it is created. The pipeline owns its sessions; dispose it to release them.
/// Calls are serialized: <see cref="Generate"/> may be called from several threads, one runs at a time.
/// </summary>
/// <example>
/// <code>
/// using var pipeline = FluxPipeline.Open("models/flux1-schnell-fp16", new PipelineOptions { IntraOpThreads = 4 });
/// var images = pipeline.Generate(GenerateRequest.For("a dog on a beach", seed: 42), progress, cancellationToken: ct);
/// GeneratedImageFile.Save(images[0], "dog.png");
/// </code>
/// </example>
public sealed class FluxPipeline : IDisposable
{
    private static readonly string[] TextRoles = [ComponentRoles.TextEncoder, ComponentRoles.TextEncoder2];

    private readonly object _gate = new();
    private readonly ComponentSessions _sessions;
    private readonly TextConditioning _text;
    private readonly bool _lowMemory;
    private readonly Lora.LoraSlots? _slots;
    private bool _disposed;

    private FluxPipeline(ModelPackage package, bool hasGuidance, ComponentSessions sessions, TextConditioning text, bool lowMemory)
    {
        Package = package;
        HasGuidanceInput = hasGuidance;
        _sessions = sessions;
        _text = text;
        _lowMemory = lowMemory;
        _slots = Lora.LoraSlots.FromManifest(package.Manifest, package.Root);
    }

    /// <summary>The opened package.</summary>
    public ModelPackage Package { get; }

    /// <summary>Whether the transformer takes a <c>guidance</c> input (guidance-distilled variants), per the manifest.</summary>
    public bool HasGuidanceInput { get; }

    /// <summary>The execution providers every session was created with.</summary>
    public ExecutionProviderSelection Providers => _sessions.Selection;

    /// <summary>Number of prompts whose embeddings are cached.</summary>
    public int CachedPrompts => _text.CachedPrompts;

    /// <summary>
    /// Opens the package at <paramref name="packageFolder"/>: parses the manifest, optionally re-hashes every file,
    /// checks that the components and tokenizers the pipeline needs exist with the I/O it binds, loads the
    /// tokenizers, and creates the sessions (all of them, or only the transformer in low-memory mode).
    /// </summary>
    /// <exception cref="PackageException">The package is missing or malformed (<see cref="PackageHashMismatchException"/>
    /// for an altered file, <see cref="ComponentMissingException"/>, <see cref="ComponentSignatureException"/>).</exception>
    /// <exception cref="ExecutionProviderUnavailableException">The requested provider cannot load.</exception>
    /// <exception cref="Microsoft.ML.OnnxRuntime.OnnxRuntimeException">ORT refused a graph.</exception>
    public static FluxPipeline Open(string packageFolder, PipelineOptions? options = null,
        IProgress<PipelineProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packageFolder);
        options ??= new PipelineOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.IntraOpThreads);
        var clock = Stopwatch.StartNew();
        var package = ModelPackage.Open(packageFolder);
        if (options.VerifyHashes)
        {
            package.VerifyHashes(cancellationToken);
        }
        var hasGuidance = PackageContract.Check(package);
        var roles = options.LowMemory ? [ComponentRoles.Transformer] : PackageContract.RolesFor(package.Manifest.Variant);
        var text = new TextConditioning(package, options.PromptCacheCapacity);
        var sessions = new ComponentSessions(package, options);
        try
        {
            ProviderCompatibility.Check(package.Manifest, sessions.Selection.Primary, options.AllowUnverifiedProvider);
            foreach (var role in roles)
            {
                cancellationToken.ThrowIfCancellationRequested();
                sessions.Get(role, progress, clock, 0);
            }
        }
        catch
        {
            sessions.Dispose();
            throw;
        }
        return new FluxPipeline(package, hasGuidance, sessions, text, options.LowMemory);
    }

    /// <summary>Forgets every cached prompt embedding.</summary>
    public void ClearPromptCache()
    {
        lock (_gate)
        {
            _text.ClearCache();
        }
    }

    /// <summary>
    /// Generates <see cref="GenerateRequest.Batch"/> images. Reports <see cref="PipelineProgress"/> per stage and per
    /// step; <paramref name="observer"/> sees the intermediate tensors.
    /// </summary>
    /// <returns>One image per batch item, in batch order.</returns>
    /// <exception cref="InvalidGenerateRequestException">The request breaks a rule of <see cref="GenerateRequest"/>.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled (checked between stages and steps, and
    /// inside every ORT run).</exception>
    public IReadOnlyList<GeneratedImage> Generate(GenerateRequest request, IProgress<PipelineProgress>? progress = null,
        IPipelineObserver? observer = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var r = ResolvedRequest.Resolve(request, Package.Manifest, HasGuidanceInput);
            if (r.Images.Kind != ImageConditioningKind.None)
            {
                PackageContract.RequireComponent(Package, ComponentRoles.VaeEncoder);
            }
            // Run-time LoRA slots: zeros unless the request binds LoRAs (packed along the slot rank), checked before any model runs.
            if (_slots is null && request.Loras is { Count: > 0 })
            {
                throw new InvalidGenerateRequestException(nameof(GenerateRequest.Loras), "a package converted with run-time LoRA slots (LoraSlots > 0)",
                    "a package without slots");
            }
            var adapters = request.Loras;
            IReadOnlyList<Lora.LoraFitReport> fit = [];
            if (_slots is not null && adapters is { Count: > 0 } && request.LoraFit == Lora.LoraFitMode.Svd)
            {
                (adapters, fit) = Lora.LoraRankFit.Fold(adapters, _slots);
            }
            var lora = _slots is null ? null : Lora.LoraSlotInputs.Build(_slots, adapters, nameof(GenerateRequest.Loras));
            var clock = Stopwatch.StartNew();
            try
            {
                var images = GenerateResolved(r, lora, progress, observer, clock, cancellationToken);
                if (request.Loras is not { Count: > 0 } requested)
                {
                    return images;
                }
                IReadOnlyList<GenerationLora> used = [.. requested.Select(a => new GenerationLora(a.Name, a.Strength))];
                return [.. images.Select(i => i with { Parameters = i.Parameters with { Loras = used }, LoraFit = fit })];
            }
            finally
            {
                if (_lowMemory)
                {
                    foreach (var role in TextRoles.Append(ComponentRoles.VaeDecoder).Append(ComponentRoles.VaeEncoder))
                    {
                        _sessions.Release(role);
                    }
                }
            }
        }
    }

    private IReadOnlyList<GeneratedImage> GenerateResolved(ResolvedRequest r, Lora.LoraSlotInputs? lora, IProgress<PipelineProgress>? progress,
        IPipelineObserver? observer, Stopwatch clock, CancellationToken cancellationToken)
    {
        var manifest = Package.Manifest;
        var (txt, vec, textDim, pooledDim) = _text.Encode(r.Prompts, r.Tokens, _sessions, progress, clock, r.Steps, cancellationToken);
        if (_lowMemory)
        {
            foreach (var role in TextRoles)
            {
                _sessions.Release(role);
            }
        }
        cancellationToken.ThrowIfCancellationRequested();

        // BFL get_noise: one generator per seed (see GenerateRequest remarks). The latent grid and channels are the
        // manifest's (LatentSpace): 2·ceil(px / (2·downsample)) = px / downsample here, as sizes are checked multiples.
        var latentSpace = manifest.Latent;
        var noise = r.Seeds.Length == 1
            ? FluxNoise.GetNoise(r.Batch, r.Height, r.Width, r.Seeds[0], latentSpace.Channels, latentSpace.Downsample)
            : FluxNoise.GetNoisePerSeed(r.Seeds, r.Height, r.Width, latentSpace.Channels, latentSpace.Downsample);
        var (h, w) = LatentGrid.Of(latentSpace, r.Height, r.Width);
        int channels = latentSpace.Channels;
        var tokens = LatentPacking.TokenCount(h, w);
        var imgIds = PositionIds.ImageIds(h / 2, w / 2);
        var txtIds = PositionIds.TextIds(manifest.Text.T5);
        // The schedule counts the target tokens only (Kontext's reference tokens do not shift it).
        var timesteps = new BflSchedule(manifest.Defaults.Shift).GetTimesteps(r.Steps, tokens);
        var image = ImageConditioner.Prepare(r.Images, r.Batch, latentSpace,
            () => _sessions.Get(ComponentRoles.VaeEncoder, progress, clock, r.Steps), cancellationToken);
        if (_lowMemory)
        {
            _sessions.Release(ComponentRoles.VaeEncoder);
        }
        float[] x;
        if (image.InitLatent is { } x0)
        {
            // demo_st img2img: t_idx = int((1 − S)·N), x = t·noise + (1 − t)·x0 at t = timesteps[t_idx], loop over timesteps[t_idx:].
            var start = Img2Img.StartIndex(r.Images.Strength, r.Steps);
            var blended = new float[noise.Length];
            Img2Img.Blend(noise, ImageConditioner.Repeat(x0, r.Batch), timesteps[start], blended);
            x = LatentPacking.Pack(blended, r.Batch, channels, h, w);
            timesteps = timesteps[start..];
        }
        else
        {
            x = LatentPacking.Pack(noise, r.Batch, channels, h, w);
        }
        observer?.OnPrepared(new PreparedInputsView(noise, x, txt, vec, imgIds, txtIds, timesteps, r.Guidance,
            r.Batch, h, w, manifest.Text.T5, image.InitLatent, image.ImgCond, image.ReferenceTokens, image.ReferenceIds));

        var transformer = _sessions.Get(ComponentRoles.Transformer, progress, clock, r.Steps);
        var modelIds = image.ReferenceIds is { } referenceIds ? PositionIds.Concat(imgIds, referenceIds) : imgIds;
        var conditioning = new DenoiseLoop.Conditioning(txt, manifest.Text.T5, textDim, vec, pooledDim, modelIds, txtIds, r.Guidance,
            image.ImgCond, image.ReferenceTokens, lora);
        DenoiseLoop.Run(transformer, x, r.Batch, tokens, PackageContract.PackedWidth(manifest.Latent), conditioning, timesteps, observer, progress, clock, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();

        progress?.Report(new PipelineProgress(PipelineStage.Decoding, r.Steps, r.Steps, clock.Elapsed));
        var latent = LatentPacking.Unpack(x, r.Batch, channels, h, w);
        var decoded = Decode(latent, r, channels, h, w, progress, clock, cancellationToken);
        observer?.OnDecoded(decoded, r.Batch, r.Height, r.Width);

        var provider = ExecutionProviderNames.Of(Providers.Primary);
        var plane = 3 * r.Height * r.Width;
        var images = new GeneratedImage[r.Batch];
        for (var b = 0; b < r.Batch; b++)
        {
            var pixels = PixelTensors.FromSignedUnitChw(decoded.AsSpan(b * plane, plane), r.Height, r.Width);
            var seed = r.Seeds.Length == 1 ? r.Seeds[0] : r.Seeds[b];
            images[b] = new GeneratedImage(pixels, new GenerationParameters(r.Prompts[b], r.Width, r.Height, r.Steps,
                r.Guidance, seed, b, r.Batch, r.Seeds.Length == 1 && r.Batch > 1, manifest.Variant, manifest.Precision, provider));
        }
        progress?.Report(new PipelineProgress(PipelineStage.Completed, r.Steps, r.Steps, clock.Elapsed));
        return images;
    }

    /// <summary>Runs the VAE decoder on [B, channels, h, w]; returns [B, 3, H, W].</summary>
    private float[] Decode(float[] latent, ResolvedRequest r, int channels, int h, int w, IProgress<PipelineProgress>? progress,
        Stopwatch clock, CancellationToken cancellationToken)
    {
        var decoder = _sessions.Get(ComponentRoles.VaeDecoder, progress, clock, r.Steps);
        using var input = OnnxTensors.Wrap(latent, r.Batch, channels, h, w);
        using var outputs = decoder.Run(new Dictionary<string, Microsoft.ML.OnnxRuntime.OrtValue> { [FluxIo.Latent] = input },
            [FluxIo.Images], cancellationToken, shrinkArena: true);
        var images = outputs.First();
        var shape = images.GetTensorTypeAndShape().Shape;
        long[] expected = [r.Batch, 3, r.Height, r.Width];
        if (!shape.SequenceEqual(expected))
        {
            throw new ComponentSignatureException(decoder.ModelPath, ComponentRoles.VaeDecoder, "output '" + FluxIo.Images + "'",
                "shape [" + string.Join(", ", expected) + "]", "shape [" + string.Join(", ", shape) + "]");
        }
        return images.GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>Releases every session. Waits for a running <see cref="Generate"/> to finish.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _disposed = true;
                _sessions.Dispose();
            }
        }
    }
}
