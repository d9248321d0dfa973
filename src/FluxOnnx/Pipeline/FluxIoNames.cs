namespace FluxOnnx.Pipeline;

/// <summary>
/// Graph input and output names the pipeline binds, per component (FLUX-FACTS "Transformer graph I/O": the
/// TensorRT demo / BFL published ONNX naming). The pipeline binds by these names only, never by position.
/// </summary>
public static class FluxIoNames
{
    /// <summary>Token ids input of both text encoders, int64 [B, L].</summary>
    public const string InputIds = "input_ids";

    /// <summary>Per-token states output of both text encoders, float32 [B, L, D]; the pipeline uses T5's.</summary>
    public const string TextEmbeddings = "text_embeddings";

    /// <summary>CLIP pooled output, float32 [B, 768] (the state at the first end token, no projection).</summary>
    public const string PooledEmbeddings = "pooled_embeddings";

    /// <summary>Transformer: packed latents, float32 [B, S_img, 64].</summary>
    public const string HiddenStates = "hidden_states";

    /// <summary>Transformer: T5 states, float32 [B, S_txt, 4096].</summary>
    public const string EncoderHiddenStates = "encoder_hidden_states";

    /// <summary>Transformer: CLIP pooled states, float32 [B, 768].</summary>
    public const string PooledProjections = "pooled_projections";

    /// <summary>Transformer: sigma in [0, 1], float32 [B].</summary>
    public const string Timestep = "timestep";

    /// <summary>Transformer: image position ids, float32 [S_img, 3].</summary>
    public const string ImgIds = "img_ids";

    /// <summary>Transformer: text position ids (zeros), float32 [S_txt, 3].</summary>
    public const string TxtIds = "txt_ids";

    /// <summary>Transformer (guidance-distilled variants only): raw guidance scale, float32 [B].</summary>
    public const string Guidance = "guidance";

    /// <summary>Transformer output (velocity, float32 [B, S_img, 64]) and VAE decoder input (float32 [B, 16, H/8, W/8]).</summary>
    public const string Latent = "latent";

    /// <summary>VAE decoder output, float32 [B, 3, H, W] in about [−1, 1].</summary>
    public const string Images = "images";
}
