namespace FluxOnnx.Converter.Checkpoints;

/// <summary>How the stored tensor names of one component are spelled (after any prefix is stripped).</summary>
public enum KeyLayout
{
    /// <summary>The reference names already: BFL for the transformer and autoencoder.</summary>
    Bfl,

    /// <summary>diffusers names (<c>transformer_blocks.N.attn.to_q</c>, <c>encoder.down_blocks.N.resnets.M</c>).</summary>
    Diffusers,

    /// <summary>Hugging Face transformers names, the reference for T5 and CLIP.</summary>
    Hf,
}
