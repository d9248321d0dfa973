using FluxOnnx.Conditioning;

namespace FluxOnnx.Pipeline;

/// <summary>
/// One call of <see cref="FluxPipeline.Generate"/>: text-to-image, or image-conditioned generation when the package's
/// variant takes an image (see the image members). Members left null take the package manifest's
/// <see cref="Packaging.SamplingDefaults"/>. Checked by the pipeline before any model runs; a bad member throws
/// <see cref="InvalidGenerateRequestException"/> whose <c>Field</c> names the member.
/// </summary>
/// <remarks>
/// <para><b>Seeds and batches.</b> Noise follows BFL's <c>get_noise</c>: one <c>torch.Generator</c> per seed. With one
/// seed and <see cref="Batch"/> B, one generator draws the whole [B, 16, h, w] tensor, exactly as
/// <c>get_noise(B, H, W, seed)</c> (item b is then <i>not</i> the image a single run with that seed gives). With B
/// seeds, each item's noise is drawn by its own generator, so item b is bit-identical to a single-image run with
/// <c>Seeds[b]</c> (what the BFL CLI does when it loops over images).</para>
/// <para><b>Guidance.</b> Guidance-distilled packages (dev and the other variants with a <c>guidance</c> transformer
/// input) use <see cref="Guidance"/> or the manifest default. A package whose transformer has no <c>guidance</c> input
/// (schnell) refuses a non-null <see cref="Guidance"/> rather than silently ignoring it.</para>
/// <para><b>Image inputs by package variant</b> (the manifest's <c>variant</c>; any other image member set is refused
/// named by its Field):</para>
/// <list type="table">
/// <item><term>schnell, dev</term><description>optional img2img: <see cref="Image"/> (init image) with
/// <see cref="Strength"/>.</description></item>
/// <item><term>fill</term><description><see cref="Image"/> (source) with <see cref="Mask"/> and/or
/// <see cref="Outpaint"/>.</description></item>
/// <item><term>kontext</term><description><see cref="Image"/> (reference), optionally
/// <see cref="KeepReferenceSize"/>.</description></item>
/// <item><term>canny, depth</term><description>exactly one of <see cref="Control"/> and <see cref="ControlFrom"/>
/// (canny only); optional <see cref="ControlKind"/> as a check.</description></item>
/// </list>
/// <para><b>Size.</b> With an image, a null <see cref="Width"/> / <see cref="Height"/> takes the image's size (Fill:
/// after padding; Kontext: the prepared reference's size; control: the control image's size) instead of the manifest
/// default. Sizes must be positive multiples of 2 × the manifest's LatentSpace.Downsample (16 for FLUX.1). Images
/// are decoded and checked before any model runs; a file that cannot be read or decoded (not a PNG, JPEG or WebP,
/// corrupt or truncated, or one whose header declares more pixels than
/// <see cref="Imaging.ImageDecoderOptions.DefaultMaxPixels"/>, refused before decoding) throws
/// <see cref="InvalidGenerateRequestException"/> naming the member, with the decoder's exception as InnerException.</para>
/// </remarks>
public sealed record GenerateRequest
{
    /// <summary>The prompt of every batch item (one entry, shared) or of each item (<see cref="Batch"/> entries).</summary>
    public required IReadOnlyList<string> Prompts { get; init; }

    /// <summary>Seeds: one (a single generator for the whole batch) or one per batch item. See the remarks.</summary>
    public required IReadOnlyList<ulong> Seeds { get; init; }

    /// <summary>
    /// Image width in pixels, a positive multiple of 2 × the manifest's latent downsample (16 for FLUX.1); null for the
    /// manifest default, or with an image member for the image's size (see the remarks).
    /// </summary>
    public int? Width { get; init; }

    /// <summary>Image height in pixels, as <see cref="Width"/>.</summary>
    public int? Height { get; init; }

    /// <summary>Denoising steps, at least 1; null for the manifest default (schnell 4, dev 50).</summary>
    public int? Steps { get; init; }

    /// <summary>
    /// Guidance scale for guidance-distilled transformers (the raw scale, e.g. 3.5; the model multiplies by 1000);
    /// null for the manifest default. Must be null for a transformer without a <c>guidance</c> input.
    /// </summary>
    public float? Guidance { get; init; }

    /// <summary>Number of images, at least 1. All go through the transformer together as one batch.</summary>
    public int Batch { get; init; } = 1;

    /// <summary>
    /// Token ids to use instead of tokenizing <see cref="Prompts"/> (one entry shared, or one per item). The prompts
    /// are then only recorded in the results' parameters. Null (default) tokenizes the prompts with the package's
    /// tokenizers.
    /// </summary>
    public IReadOnlyList<PromptTokens>? Tokens { get; init; }

    /// <summary>
    /// The input image. schnell / dev: the img2img init image, Lanczos-resized (Pillow-exact
    /// <see cref="Imaging.LanczosResizer"/>, Pillow's <c>Image.LANCZOS</c>, a = 3) to Width × Height when they are
    /// given and differ from its size. fill: the source image to inpaint or outpaint (Width / Height, if given, must
    /// equal its padded size). kontext: the reference image, resized to the nearest Kontext resolution (see
    /// <see cref="KeepReferenceSize"/>). Not taken by canny / depth (see <see cref="Control"/>, <see cref="ControlFrom"/>).
    /// </summary>
    public ImageSource? Image { get; init; }

    /// <summary>
    /// img2img strength S in [0, 1] (schnell / dev, required with <see cref="Image"/>): the first int((1 − S)·N)
    /// steps are skipped and sampling starts from x = t·noise + (1 − t)·x0 at that step's sigma t, x0 being the
    /// VAE-encoded init image (BFL <c>demo_st.py</c>). 1 is pure text-to-image noise; 0 decodes x0 unchanged.
    /// </summary>
    public double? Strength { get; init; }

    /// <summary>
    /// Fill mask, the size of <see cref="Image"/> (before <see cref="Outpaint"/> padding): converted to gray as PIL's
    /// <c>convert("L")</c>, then /255: white (255) = area to fill, black (0) = keep. Fill only.
    /// </summary>
    public ImageSource? Mask { get; init; }

    /// <summary>
    /// Fill outpainting: pixels to add on each side of <see cref="Image"/>; the border is masked for filling (with
    /// <see cref="Mask"/> padded, or alone). The padding's gray value is masked out; see <see cref="OutpaintPadding"/>.
    /// Fill only.
    /// </summary>
    public OutpaintPadding? Outpaint { get; init; }

    /// <summary>
    /// Canny / Depth: a ready control image (an edge map, or a depth map) used as given, Lanczos-resized to the target
    /// size. FluxOnnx has no depth estimator: a depth package needs its depth map here.
    /// </summary>
    public ImageSource? Control { get; init; }

    /// <summary>
    /// Canny only: a photo from which the control image is computed as BFL's <c>CannyImageEncoder</c> does (resized to
    /// the target, then OpenCV-exact Canny with thresholds 50 / 200).
    /// </summary>
    public ImageSource? ControlFrom { get; init; }

    /// <summary>
    /// Optional check of the control kind the caller means; must match the package variant (canny or depth).
    /// Null takes the package's. Only for canny / depth packages.
    /// </summary>
    public ControlKind? ControlKind { get; init; }

    /// <summary>
    /// Kontext only: use the reference at its own size (rounded down to the size multiple, 16 pixels for FLUX.1) instead
    /// of snapping it to the nearest of <see cref="KontextReference.PreferredResolutions"/> (about 1 megapixel), as BFL's
    /// <c>prepare_kontext</c> does by default.
    /// </summary>
    public bool KeepReferenceSize { get; init; }

    /// <summary>
    /// LoRAs bound to the package's run-time slots for this call (packages converted with <c>LoraSlots</c> &gt; 0),
    /// packed side by side along the slot rank; null or empty = the slots stay zero. The LoRA files are read into
    /// <see cref="Lora.LowRankAdapter"/>s by the caller (the converter's LoRA reader knows the formats). Refused
    /// (<see cref="InvalidGenerateRequestException"/>) on a package without slots; more total rank than the slots
    /// hold throws <see cref="Lora.LoraRankExceededException"/>, a LoRA touching a Linear without a slot
    /// <see cref="Lora.LoraSlotMismatchException"/>.
    /// </summary>
    public IReadOnlyList<Lora.LowRankAdapter>? Loras { get; init; }

    /// <summary>
    /// What to do when <see cref="Loras"/> need more rank on a Linear than the slots hold: refuse (default) or fold
    /// those Linears to the slot rank by truncated SVD; the energy kept per folded Linear is reported in
    /// <see cref="GeneratedImage.LoraFit"/>.
    /// </summary>
    public Lora.LoraFitMode LoraFit { get; init; }

    /// <summary>A single image of <paramref name="prompt"/> with <paramref name="seed"/>; everything else from the manifest.</summary>
    public static GenerateRequest For(string prompt, ulong seed) => new() { Prompts = [prompt], Seeds = [seed] };
}
