using FluxOnnx.Converter.Checkpoints;

namespace FluxOnnx.Converter.Formats;

/// <summary>
/// HF <c>CLIPTextModel</c> names (folders, ComfyUI <c>clip_l.safetensors</c>, behind <c>text_encoders.clip_l.</c>).
/// FLUX uses the text tower's pooled output, never the projection head, so the extras in
/// <see cref="NotPartOfTextGraph"/> are consumed on purpose and listed by <see cref="ComponentWeightSource.NotPartOfGraph"/>;
/// any other unknown key is offered and reported unused.
/// </summary>
internal static class HfClipFormat
{
    /// <summary>Key prefix that identifies a CLIP text tower.</summary>
    public const string Signature = "text_model.";

    /// <summary>
    /// Stored with some CLIP-L files but not weights of the text tower graph: the position-id buffer (the graph
    /// makes its own positions), <c>CLIPTextModelWithProjection</c>'s projection head, and the contrastive
    /// temperature of the full CLIP model.
    /// </summary>
    public static readonly IReadOnlyList<string> NotPartOfTextGraph =
        ["text_model.embeddings.position_ids", "text_projection.weight", "logit_scale"];

    public static void Apply(RecipeBuilder recipes)
    {
        foreach (string extra in NotPartOfTextGraph)
        {
            recipes.Tolerate(extra);
        }
        BflFormat.Apply(recipes);
    }
}
