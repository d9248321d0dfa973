using FluxOnnx.Converter.Checkpoints;

namespace FluxOnnx.Converter.Formats;

/// <summary>
/// Checkpoints already in reference names: BFL transformer and autoencoder files (also behind ComfyUI's
/// prefixes, and as scaled fp8), HF T5/CLIP tensors. Every stored tensor no earlier rule consumed is offered under its own name.
/// </summary>
internal static class BflFormat
{
    /// <summary>Keys that identify a BFL transformer.</summary>
    public static readonly IReadOnlyList<string> TransformerSignature = ["img_in.weight", "double_blocks.0.img_attn.qkv.weight"];

    /// <summary>Key prefixes that identify a BFL autoencoder (besides <c>encoder.conv_in.weight</c> / <c>decoder.conv_in.weight</c>).</summary>
    public static readonly IReadOnlyList<string> AutoencoderSignature = ["encoder.down.", "decoder.up.", "encoder.mid.", "decoder.mid."];

    public static void Apply(RecipeBuilder recipes)
    {
        foreach (string name in recipes.Remaining)
        {
            recipes.Rename(name, name);
        }
    }
}
