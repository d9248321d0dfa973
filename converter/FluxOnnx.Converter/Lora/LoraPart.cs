using FluxOnnx.Lora;

namespace FluxOnnx.Converter.Lora;

/// <summary>
/// One low-rank pair of a LoRA file mapped onto a reference Linear, as a recipe found it (names only; shapes are
/// checked by <see cref="LoraFile"/>): rows [UpRowStart, UpRowStart + Rows) of the file's up tensor update target
/// rows [RowOffset, RowOffset + Rows).
/// </summary>
/// <param name="Component">Model of the target.</param>
/// <param name="Target">Reference module name of the Linear (its weight is Target + ".weight").</param>
/// <param name="OutFeatures">Rows of the whole target weight.</param>
/// <param name="RowOffset">First target row updated.</param>
/// <param name="Rows">Rows updated.</param>
/// <param name="UpRows">Rows the file's up tensor must have.</param>
/// <param name="UpRowStart">First up row used.</param>
/// <param name="DownKey">The file's down (A) tensor, [rank, in].</param>
/// <param name="UpKey">The file's up (B) tensor, [UpRows, rank].</param>
/// <param name="AlphaKey">The file's scalar alpha (scale = alpha / rank), or null for scale 1.</param>
/// <param name="UpBiasKey">The file's up bias (BFL LinearLora <c>lora_B.bias</c>), or null.</param>
public sealed record LoraPart(
    LoraComponent Component,
    string Target,
    long OutFeatures,
    long RowOffset,
    long Rows,
    long UpRows,
    long UpRowStart,
    string DownKey,
    string UpKey,
    string? AlphaKey = null,
    string? UpBiasKey = null);
