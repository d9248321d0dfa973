namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>
/// Graph input and output names of the FLUX transformer (FLUX-FACTS.md "Transformer graph I/O": the TensorRT
/// demo / BFL published ONNX naming) and the symbolic dims they use. Runtime code binds by these names.
/// </summary>
public static class FluxTransformerIo
{
    /// <summary>Packed latents [batch, img_tokens, in_channels] float32 (BFL <c>img</c>).</summary>
    public const string HiddenStates = "hidden_states";

    /// <summary>T5 output [batch, txt_tokens, context_in_dim] float32 (BFL <c>txt</c>).</summary>
    public const string EncoderHiddenStates = "encoder_hidden_states";

    /// <summary>CLIP pooled output [batch, vec_in_dim] float32 (BFL <c>y</c>).</summary>
    public const string PooledProjections = "pooled_projections";

    /// <summary>Sigma in [0, 1], [batch] float32 (BFL <c>timesteps</c>; ×1000 happens inside).</summary>
    public const string Timestep = "timestep";

    /// <summary>Image position ids [img_tokens, 3] float32, (0, row, col); no batch axis.</summary>
    public const string ImgIds = "img_ids";

    /// <summary>Text position ids [txt_tokens, 3] float32, zeros; no batch axis.</summary>
    public const string TxtIds = "txt_ids";

    /// <summary>Raw guidance scale [batch] float32; an input only when <see cref="FluxConfig.GuidanceEmbed"/>.</summary>
    public const string Guidance = "guidance";

    /// <summary>Predicted velocity [batch, img_tokens, out_channels] float32.</summary>
    public const string Latent = "latent";

    /// <summary>Symbolic batch dim.</summary>
    public const string BatchDim = "batch";

    /// <summary>Symbolic image-token dim ((H/16)·(W/16)).</summary>
    public const string ImgTokensDim = "img_tokens";

    /// <summary>Symbolic text-token dim (the package fixes it to its T5 length).</summary>
    public const string TxtTokensDim = "txt_tokens";
}
