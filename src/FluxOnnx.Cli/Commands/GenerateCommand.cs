using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using FluxOnnx.Cli.Rendering;
using FluxOnnx.Conditioning;
using FluxOnnx.Converter.Lora;
using FluxOnnx.Lora;
using FluxOnnx.Tools.BuiltIn;
using FluxOnnx.Imaging;
using FluxOnnx.Runtime.Providers;
using FluxOnnx.Pipeline;

namespace FluxOnnx.Cli.Commands;

/// <summary>
/// <c>flux generate "PROMPT"</c>: text to PNG (or JPEG / WebP with <c>--format</c>), plus img2img, Fill (inpaint/outpaint), Kontext and Canny/Depth
/// control on packages of those variants. With no <c>--package</c> it uses the built-in tiny model (random
/// weights, so the image is noise), converting it on first use into the cache folder.
/// </summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var promptArgument = new Argument<string?>("prompt") { Description = "The prompt (or use --prompt).", Arity = ArgumentArity.ZeroOrOne };
        var prompt = new Option<string?>("--prompt") { Description = "The prompt." };
        var package = new Option<string?>("--package") { Description = "Model package folder (default: the built-in tiny model, whose images are noise)." };
        var steps = new Option<int?>("--steps") { Description = "Denoising steps (default: the package's)." };
        var guidance = new Option<float?>("--guidance") { Description = "Guidance scale, for guidance-distilled models (default: the package's)." };
        var seed = new Option<ulong?>("--seed") { Description = "Seed of the noise (torch CPU generator semantics; default: random, printed)." };
        var width = new Option<int?>("--width") { Description = "Image width, a multiple of 2 × the package's autoencoder downsample, 16 for FLUX.1 (default: the package's)." };
        var height = new Option<int?>("--height") { Description = "Image height, a multiple of 2 × the package's autoencoder downsample, 16 for FLUX.1 (default: the package's)." };
        var providers = new ProviderOptions();
        var sessionFlags = new SessionFlags();
        var batch = new Option<int>("--batch") { Description = "Images to generate; each gets seed, seed+1, ... (each image equals a single run with its seed).", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--output") { Description = "Output path, used as given (default: flux-SEED.png, .jpg or .webp after --format); with --batch, -INDEX is added before the extension." };
        var format = new Option<string>("--format") { Description = "Output format: png (lossless, parameters in a text chunk), jpeg or webp (lossy, parameters in EXIF UserComment).", DefaultValueFactory = _ => "png" };
        format.AcceptOnlyFromAmong("png", "jpeg", "webp");
        var quality = new Option<int>("--quality") { Description = $"JPEG/WebP quality, 1-100 (default {ImageOutputFormat.DefaultQuality}); png ignores it.", DefaultValueFactory = _ => ImageOutputFormat.DefaultQuality };
        var threads = new Option<int?>("--threads") { Description = "Intra-op threads (default: ONNX Runtime's choice, one per physical core)." };
        threads.NonNegative();
        var lowMemory = new Option<bool>("--low-memory") { Description = "Release the text encoders before the denoising loop." };
        var image = new Option<string?>("--image") { Description = "PNG, JPEG or WebP: init image (img2img, with --strength), source image (Fill, with --mask) or reference (Kontext)." };
        var strength = new Option<double?>("--strength") { Description = "img2img strength in [0, 1]: 1 starts from pure noise, 0 keeps the image." };
        var mask = new Option<string?>("--mask") { Description = "Mask (PNG, JPEG or WebP) for Fill packages, same size as --image; white = area to fill." };
        var outpaint = new Option<string?>("--outpaint") { Description = "Fill packages: pad the image by LEFT,TOP,RIGHT,BOTTOM pixels and fill the border." };
        var control = new Option<string?>("--control") { Description = "Control image (PNG, JPEG or WebP) for Canny/Depth packages, used as given." };
        var controlFrom = new Option<string?>("--control-from") { Description = "Image to compute the control image from (Canny edges, thresholds 50/200). Depth maps are not estimated: give them with --control." };
        var controlKind = new Option<string?>("--control-kind") { Description = "canny or depth (checked against the package)." };
        controlKind.AcceptOnlyFromAmong("canny", "depth");
        var keepReferenceSize = new Option<bool>("--keep-reference-size") { Description = "Kontext: use the reference at its own size instead of snapping it to the preferred resolutions." };
        var allowUnverified = new Option<bool>("--allow-unverified-provider") { Description = "Run a bf16/fp8/int8/int4 package on a provider its manifest does not list as verified." };
        var lora = new Option<string[]>("--lora") { Description = "LoRA .safetensors bound to the package's run-time slots (flux convert --lora-slots), FILE[:STRENGTH] (default strength 1); repeat for several." };
        var loraAllowUnused = new Option<bool>("--lora-allow-unused") { Description = "Skip LoRA keys that match no run-time slot instead of stopping." };
        var loraFit = new Option<string?>("--lora-fit") { Description = "svd: fold LoRAs needing more rank than the slots hold to the slot rank (truncated SVD), printing the energy kept; default: refuse." };
        loraFit.AcceptOnlyFromAmong("svd");
        var cacheDir = new Option<string?>("--cache-dir") { Description = $"Where the built-in model is kept (default: ${CachePaths.Variable}, else the user cache folder)." };
        var command = new Command("generate", "Generate an image from a prompt.")
        {
            promptArgument, prompt, package, steps, guidance, seed, width, height, batch, output, format, quality, threads, lowMemory, cacheDir,
            image, strength, mask, outpaint, control, controlFrom, controlKind, keepReferenceSize, allowUnverified, lora, loraAllowUnused, loraFit,
        };
        foreach (var option in providers.All.Concat(sessionFlags.All))
        {
            command.Options.Add(option);
        }
        command.SetAction((parse, ct) =>
        {
            var text = parse.GetValue(prompt) ?? parse.GetValue(promptArgument)
                ?? throw new CliUsageException(null, "give a prompt, as an argument or with --prompt");
            var count = parse.GetValue(batch);
            if (count < 1)
            {
                throw new CliUsageException("--batch", $"--batch must be at least 1, got {count}");
            }
            if (parse.GetValue(quality) is < 1 or > 100)
            {
                throw new CliUsageException("--quality", $"--quality must be 1..100, got {parse.GetValue(quality)}");
            }
            var providerRequest = providers.Parse(parse);
            var firstSeed = parse.GetValue(seed) ?? (ulong)RandomNumberGenerator.GetInt32(int.MaxValue);
            var seeds = Enumerable.Range(0, count).Select(i => firstSeed + (ulong)i).ToArray();
            var outputFormat = new ImageOutputFormat(
                Enum.Parse<ImageFileFormat>(parse.GetRequiredValue(format), ignoreCase: true), parse.GetValue(quality));
            var loraSpecs = LoraOptionParser.Parse(parse.GetValue(lora));
            var outputPaths = OutputPaths(parse.GetValue(output), outputFormat.Extension, firstSeed, count);
            var log = parse.InvocationConfiguration.Error;
            var stdout = parse.InvocationConfiguration.Output;

            var packagePath = parse.GetValue(package);
            if (packagePath is null)
            {
                log.WriteLine("flux: using the built-in tiny model (random weights: the image is noise; see README to convert real FLUX.1 weights)");
                packagePath = new StageProgress(log).Run(report => BuiltInModel.EnsurePackage(
                    parse.GetValue(cacheDir) ?? CachePaths.Root(), new Reporter<Converter.Conversion.ConvertProgress>(p => report("preparing built-in model: " + p.Stage, p.Done, p.Total)), ct));
            }
            var threadCount = parse.GetValue(threads) ?? 0;
            using var pipeline = FluxPipeline.Open(packagePath, sessionFlags.Apply(parse, new PipelineOptions
            {
                Provider = providerRequest,
                IntraOpThreads = threadCount,
                LowMemory = parse.GetValue(lowMemory),
                VerifyHashes = true,
                AllowUnverifiedProvider = parse.GetValue(allowUnverified),
            }), cancellationToken: ct);
            var request = new GenerateRequest
            {
                Prompts = [text],
                Seeds = seeds,
                Batch = count,
                Width = parse.GetValue(width),
                Height = parse.GetValue(height),
                Steps = parse.GetValue(steps),
                Guidance = parse.GetValue(guidance),
                Image = File(parse.GetValue(image)),
                Strength = parse.GetValue(strength),
                Mask = File(parse.GetValue(mask)),
                Outpaint = Padding(parse.GetValue(outpaint)),
                Control = File(parse.GetValue(control)),
                ControlFrom = File(parse.GetValue(controlFrom)),
                ControlKind = parse.GetValue(controlKind) is { } kind ? Enum.Parse<ControlKind>(kind, ignoreCase: true) : null,
                KeepReferenceSize = parse.GetValue(keepReferenceSize),
                Loras = loraSpecs.Count == 0 ? null : ReadLoras(pipeline, loraSpecs, parse.GetValue(loraAllowUnused)),
                LoraFit = parse.GetValue(loraFit) is null ? LoraFitMode.Refuse : LoraFitMode.Svd,
            };
            var images = new StageProgress(log).Run(report => pipeline.Generate(request,
                new Reporter<PipelineProgress>(p => report(Describe(p), p.Step, Math.Max(p.TotalSteps, 1))), cancellationToken: ct));
            foreach (var fit in images[0].LoraFit)
            {
                stdout.WriteLine($"LoRA fit (svd) on {fit.Module}: rank {fit.RequiredRank} -> {fit.SlotRank}, energy kept {fit.EnergyKept.ToString("P3", CultureInfo.InvariantCulture)}");
            }
            for (var i = 0; i < images.Count; i++)
            {
                GeneratedImageFile.Save(images[i], outputPaths[i], outputFormat);
                stdout.WriteLine($"wrote {Path.GetFullPath(outputPaths[i])} (seed {images[i].Seed.ToString(CultureInfo.InvariantCulture)}, {images[i].Image.Width}x{images[i].Image.Height})");
            }
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>
    /// The LoRA files read for the package's run-time slots. On a package without slots the files are not read: the
    /// adapters go to the pipeline empty, by name, and the pipeline refuses them as it refuses any LoRA there.
    /// </summary>
    private static IReadOnlyList<LowRankAdapter> ReadLoras(FluxPipeline pipeline, IReadOnlyList<LoraSpec> specs, bool allowUnused)
    {
        var slots = LoraSlots.FromManifest(pipeline.Package.Manifest, pipeline.Package.Root);
        return slots is null
            ? [.. specs.Select(s => new LowRankAdapter(Path.GetFileName(s.Path), s.Strength, []))]
            : [.. specs.Select(s => LoraAdapterReader.Read(s, slots, allowUnused))];
    }

    private static ImageSource? File(string? path) => path is null ? null : ImageSource.FromFile(path);

    private static OutpaintPadding? Padding(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var parts = text.Split(',');
        if (parts.Length != 4 || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw new CliUsageException("--outpaint", $"--outpaint takes LEFT,TOP,RIGHT,BOTTOM as four non-negative pixel counts, got '{text}'");
        }
        var v = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new OutpaintPadding(v[0], v[1], v[2], v[3]);
    }

    private static string Describe(PipelineProgress p) => p.Stage switch
    {
        PipelineStage.Denoising => "denoising",
        PipelineStage.LoadingComponent => "loading " + p.Component,
        PipelineStage.EncodingPrompt => "encoding prompt",
        PipelineStage.PromptCacheHit => "prompt embeddings from cache",
        PipelineStage.Decoding => "decoding",
        _ => "done",
    };

    /// <summary>The output path of each image: <paramref name="output"/> as given, else <c>flux-SEED</c> with the format's
    /// <paramref name="extension"/>; with several images, <c>-INDEX</c> goes before the extension.</summary>
    internal static string[] OutputPaths(string? output, string extension, ulong firstSeed, int count)
    {
        var first = output ?? $"flux-{firstSeed.ToString(CultureInfo.InvariantCulture)}{extension}";
        if (count == 1)
        {
            return [first];
        }
        var stem = Path.Combine(Path.GetDirectoryName(first) ?? "", Path.GetFileNameWithoutExtension(first));
        var suffix = Path.GetExtension(first);
        return Enumerable.Range(0, count).Select(i => $"{stem}-{i}{suffix}").ToArray();
    }
}
