using FluxOnnx.Graphs.Layers;

namespace FluxOnnx.Graphs.Models.TextEncoders;

/// <summary>Emission choices shared by the T5 and CLIP text-encoder graphs; none changes the maths.</summary>
public sealed record TextEncoderGraphOptions
{
    /// <summary>com.microsoft MultiHeadAttention: ONNX Runtime's fused kernel, on every ORT provider.</summary>
    public static TextEncoderGraphOptions Default { get; } = new();

    /// <summary>The op form of every self-attention; one node per layer unless <see cref="AttentionForm.Decomposed"/>.</summary>
    public AttentionForm Attention { get; init; } = AttentionForm.MultiHeadAttention;
}
