using FluxOnnx.Graphs.Layers;

namespace FluxOnnx.Graphs.Models.Autoencoder;

/// <summary>Emission choices for the autoencoder graphs that do not change the maths.</summary>
public sealed record AutoencoderGraphOptions
{
    public static AutoencoderGraphOptions Default { get; } = new();

    /// <summary>Form of the mid-block attention (see <see cref="AttentionForm"/>).</summary>
    public AttentionForm Attention { get; init; } = AttentionForm.MultiHeadAttention;
}
