namespace FluxOnnx.Lora;

/// <summary>The model a LoRA tensor applies to.</summary>
public enum LoraComponent
{
    /// <summary>The FLUX transformer (BFL names).</summary>
    Transformer,

    /// <summary>The CLIP text encoder (HF <c>text_model.*</c> names).</summary>
    Clip,

    /// <summary>The T5 encoder (HF <c>encoder.*</c> names).</summary>
    T5,
}
