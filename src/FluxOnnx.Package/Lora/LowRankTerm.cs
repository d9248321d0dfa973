namespace FluxOnnx.Lora;

/// <summary>
/// One low-rank update of a reference Linear weight W [OutFeatures, InFeatures] (BFL names for the transformer, HF
/// names for CLIP and T5), already mapped from its LoRA file's layout:
/// <code>
///   W[RowOffset .. RowOffset + Rows, :] += strength · Scale · Up [Rows, Rank] · Down [Rank, InFeatures]
/// </code>
/// A diffusers <c>to_q</c> LoRA is a term on BFL's fused <c>img_attn.qkv</c> with RowOffset 0 and Rows = hidden;
/// a kohya <c>img_attn_qkv</c> LoRA is one term over all rows. <see cref="Scale"/> is the file's own factor
/// (alpha / rank, or 1 where the format stores no alpha); the user's strength is applied by whoever fuses or binds.
/// </summary>
/// <param name="Component">Which model the target belongs to (<see cref="LoraComponent"/>).</param>
/// <param name="Target">The Linear's module name, e.g. <c>double_blocks.0.img_attn.qkv</c> (its weight is Target + ".weight").</param>
/// <param name="OutFeatures">Rows of the whole target weight.</param>
/// <param name="InFeatures">Columns of the target weight (and of <see cref="Down"/>).</param>
/// <param name="RowOffset">First target row this term updates.</param>
/// <param name="Rank">Inner dimension of the factors.</param>
/// <param name="Up">B, [Rows, Rank] row-major float32; Rows = Up.Length / Rank.</param>
/// <param name="Down">A, [Rank, InFeatures] row-major float32.</param>
/// <param name="Scale">The format's factor applied to Up·Down (alpha / rank, or 1).</param>
/// <param name="UpBias">BFL LinearLora's <c>lora_B.bias</c> [Rows] (a bias update, scaled like the weights), or null.</param>
public sealed record LowRankTerm(
    LoraComponent Component,
    string Target,
    long OutFeatures,
    long InFeatures,
    long RowOffset,
    int Rank,
    float[] Up,
    float[] Down,
    float Scale,
    float[]? UpBias = null)
{
    /// <summary>Target rows this term covers.</summary>
    public long Rows => Rank == 0 ? 0 : Up.Length / Rank;
}
