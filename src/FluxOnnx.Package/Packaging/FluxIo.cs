namespace FluxOnnx.Packaging;

/// <summary>
/// The graph input and output names of every package component, in one table: the graph code declares them, the
/// converter records them in the manifest, the runtime binds by them (never by position). Names follow FLUX-FACTS
/// "Transformer graph I/O" (the TensorRT demo / BFL published ONNX naming).
/// </summary>
public static class FluxIo
{
    /// <summary>Text encoders (CLIP and T5): token ids, int64 [batch, L].</summary>
    public const string InputIds = "input_ids";

    /// <summary>Text encoders: per-token states, float32 [batch, L, D]; the pipeline uses T5's.</summary>
    public const string TextEmbeddings = "text_embeddings";

    /// <summary>CLIP: pooled output, float32 [batch, 768] (the state at the first end token, no projection).</summary>
    public const string PooledEmbeddings = "pooled_embeddings";

    /// <summary>Transformer: packed latents, float32 [batch, img_tokens, in_channels] (BFL <c>img</c>).</summary>
    public const string HiddenStates = "hidden_states";

    /// <summary>Transformer: T5 states, float32 [batch, txt_tokens, context_in_dim] (BFL <c>txt</c>).</summary>
    public const string EncoderHiddenStates = "encoder_hidden_states";

    /// <summary>Transformer: CLIP pooled states, float32 [batch, vec_in_dim] (BFL <c>y</c>).</summary>
    public const string PooledProjections = "pooled_projections";

    /// <summary>Transformer: sigma in [0, 1], float32 [batch] (BFL <c>timesteps</c>; ×1000 happens inside).</summary>
    public const string Timestep = "timestep";

    /// <summary>Transformer: image position ids (0, row, col), float32 [img_tokens, 3]; no batch axis.</summary>
    public const string ImgIds = "img_ids";

    /// <summary>Transformer: text position ids (zeros), float32 [txt_tokens, 3]; no batch axis.</summary>
    public const string TxtIds = "txt_ids";

    /// <summary>Transformer, guidance-distilled variants only: raw guidance scale, float32 [batch].</summary>
    public const string Guidance = "guidance";

    /// <summary>
    /// Transformer output (velocity, float32 [batch, img_tokens, out_channels]); VAE decoder input and VAE encoder
    /// output (diffusion-space latent, float32 [batch, z_channels, H/f, W/f], z = scale · (mean − shift)).
    /// </summary>
    public const string Latent = "latent";

    /// <summary>
    /// VAE decoder output and VAE encoder input: float32 [batch, 3, H, W] in about [−1, 1] (pixel / 127.5 − 1 in; the
    /// decoder's output is not clamped, the runtime clamps when it makes pixels, BFL <c>util.save_image</c>).
    /// </summary>
    public const string Images = "images";

    /// <summary>Symbolic batch dim.</summary>
    public const string BatchDim = "batch";

    /// <summary>Symbolic image-token dim ((H/16)·(W/16)).</summary>
    public const string ImgTokensDim = "img_tokens";

    /// <summary>Symbolic text-token dim (the package fixes it to its T5 length).</summary>
    public const string TxtTokensDim = "txt_tokens";
}
