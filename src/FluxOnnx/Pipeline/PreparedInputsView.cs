namespace FluxOnnx.Pipeline;

/// <summary>
/// The transformer's inputs before the first step (BFL <c>get_noise</c>, <c>prepare</c>, <c>get_schedule</c>), lent
/// to <see cref="IPipelineObserver.OnPrepared"/>. Spans point into the pipeline's buffers and are valid only during
/// that call; copy what you keep. All tensors row-major float32.
/// </summary>
public readonly ref struct PreparedInputsView
{
    internal PreparedInputsView(ReadOnlySpan<float> noise, ReadOnlySpan<float> img, ReadOnlySpan<float> txt,
        ReadOnlySpan<float> vec, ReadOnlySpan<float> imgIds, ReadOnlySpan<float> txtIds, ReadOnlySpan<float> timesteps,
        float? guidance, int batch, int latentHeight, int latentWidth, int textTokens, ReadOnlySpan<float> initLatent = default,
        ReadOnlySpan<float> imgCond = default, ReadOnlySpan<float> referenceTokens = default, ReadOnlySpan<float> referenceIds = default)
    {
        InitLatent = initLatent;
        ImgCond = imgCond;
        ReferenceTokens = referenceTokens;
        ReferenceIds = referenceIds;
        Noise = noise;
        Img = img;
        Txt = txt;
        Vec = vec;
        ImgIds = imgIds;
        TxtIds = txtIds;
        Timesteps = timesteps;
        Guidance = guidance;
        Batch = batch;
        LatentHeight = latentHeight;
        LatentWidth = latentWidth;
        TextTokens = textTokens;
    }

    /// <summary>Initial noise [B, 16, h, w] as drawn (bfloat16 values widened to float32).</summary>
    public ReadOnlySpan<float> Noise { get; }

    /// <summary>
    /// The packed latent the loop starts from, [B, (h/2)(w/2), 64]: the packed noise, or for img2img the packed
    /// blend t·noise + (1 − t)·x0 (the fixtures' <c>img</c>).
    /// </summary>
    public ReadOnlySpan<float> Img { get; }

    /// <summary>T5 states [B, L, D].</summary>
    public ReadOnlySpan<float> Txt { get; }

    /// <summary>CLIP pooled states [B, P].</summary>
    public ReadOnlySpan<float> Vec { get; }

    /// <summary>Image ids [(h/2)(w/2), 3], the 2-D graph form (BFL's img_ids[0]).</summary>
    public ReadOnlySpan<float> ImgIds { get; }

    /// <summary>Text ids [L, 3], zeros.</summary>
    public ReadOnlySpan<float> TxtIds { get; }

    /// <summary>
    /// The sigmas the loop runs over, 0 last: the N + 1 of the schedule, 1 first; for img2img the schedule from the
    /// start index on (BFL <c>timesteps[t_idx:]</c>).
    /// </summary>
    public ReadOnlySpan<float> Timesteps { get; }

    /// <summary>Guidance fed to the transformer, or null when it has no guidance input.</summary>
    public float? Guidance { get; }

    public int Batch { get; }

    /// <summary>Latent height h = H / the manifest's LatentSpace.Downsample (H/8 for FLUX.1).</summary>
    public int LatentHeight { get; }

    /// <summary>Latent width w = W / the manifest's LatentSpace.Downsample (W/8 for FLUX.1).</summary>
    public int LatentWidth { get; }

    /// <summary>T5 token count L.</summary>
    public int TextTokens { get; }

    /// <summary>img2img: the VAE-encoded init image x0 [1, 16, h, w]; empty otherwise.</summary>
    public ReadOnlySpan<float> InitLatent { get; }

    /// <summary>
    /// Fill / Canny / Depth: the channel conditioning <c>img_cond</c> [B, (h/2)(w/2), C] (Fill: packed masked-image
    /// latent, then packed mask, C = 4·channels + 4·downsample² = 320 for FLUX.1; Canny / Depth C = 4·channels: packed control
    /// latent); empty otherwise.
    /// </summary>
    public ReadOnlySpan<float> ImgCond { get; }

    /// <summary>Kontext: the packed reference latent <c>img_cond_seq</c> [B, S_ref, 64]; empty otherwise.</summary>
    public ReadOnlySpan<float> ReferenceTokens { get; }

    /// <summary>Kontext: the reference ids [S_ref, 3] = (1, i, j), bound after <see cref="ImgIds"/>; empty otherwise.</summary>
    public ReadOnlySpan<float> ReferenceIds { get; }
}
