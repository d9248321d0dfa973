using FluxOnnx.Converter.Checkpoints;

namespace FluxOnnx.Converter.Formats;

/// <summary>
/// HF <c>T5EncoderModel</c> names (folders, ComfyUI <c>t5xxl_*.safetensors</c>, behind
/// <c>text_encoders.t5xxl.</c>). The token embedding is stored as <c>shared.weight</c>,
/// <c>encoder.embed_tokens.weight</c> or both (tied weights saved twice).
/// </summary>
/// <remarks>
/// The alias rule: the graph asks for <c>shared.weight</c>. It comes from <c>shared.weight</c> when stored, else
/// from <c>encoder.embed_tokens.weight</c>. When both are stored, the second is consumed as an alias, never
/// offered (so never reported unused): their shapes must match when the checkpoint is opened
/// (<see cref="RecipeShapeException"/>) and their values when the tensor is written (<see cref="AliasMismatchException"/>).
/// </remarks>
internal static class HfT5Format
{
    public const string Embedding = "shared.weight";
    public const string EmbeddingAlias = "encoder.embed_tokens.weight";

    /// <summary>Keys that identify a T5 encoder.</summary>
    public static readonly IReadOnlyList<string> Signature = ["encoder.block.0.layer.0.SelfAttention.q.weight", "encoder.final_layer_norm.weight"];

    public static void Apply(RecipeBuilder recipes)
    {
        recipes.Aliased(Embedding, Embedding, EmbeddingAlias);
        BflFormat.Apply(recipes);
    }
}
