namespace FluxOnnx.Converter.Checkpoints;

/// <summary>The models a FLUX.1 checkpoint can hold; each becomes its own graph.</summary>
public enum ComponentKind
{
    /// <summary>The FLUX transformer (BFL reference names).</summary>
    Transformer,

    /// <summary>The autoencoder (BFL <c>ae</c> reference names).</summary>
    Autoencoder,

    /// <summary>The T5 v1.1 encoder (HF <c>T5EncoderModel</c> names).</summary>
    T5,

    /// <summary>The CLIP text tower (HF <c>CLIPTextModel</c> names).</summary>
    Clip,
}
