using FluxOnnx.Converter.Conversion;
using FluxOnnx.Converter.Lora;
using FluxOnnx.Lora;
using FluxOnnx.Pipeline;

namespace FluxOnnx.Cli;

/// <summary>
/// The one line for the library's LoRA errors, built from their data with the request fields (<c>Loras</c>,
/// <c>LoraAllowUnused</c>, <c>LoraFit</c>) spelled through <see cref="FieldFlags"/>. These errors come from the LoRA
/// file reader, which both <c>convert</c> and <c>generate</c> use, so they carry a file rather than a request field;
/// both requests' <c>Loras</c> map to the same flag.
/// </summary>
internal static class LoraErrorText
{
    private const int ListedKeys = 20;

    private static string Lora => FieldFlags.Spell(RequestField.Of<GenerateRequest>(nameof(GenerateRequest.Loras)));

    private static string AllowUnused => FieldFlags.Spell(RequestField.Of<ConvertRequest>(nameof(ConvertRequest.LoraAllowUnused)));

    private static string Fit => FieldFlags.Spell(RequestField.Of<GenerateRequest>(nameof(GenerateRequest.LoraFit)));

    /// <summary>The line for <paramref name="e"/>, or null when it is not a LoRA error with a request field.</summary>
    public static string? Describe(Exception e) => e switch
    {
        LoraFileException f => $"{Lora}: LoRA {f.FilePath}: {f.Problem}",
        LoraUnusedKeysException u => $"{Lora}: LoRA {u.FilePath}: {u.Keys.Count} key(s) match nothing in the model: "
            + string.Join(", ", u.Keys.Take(ListedKeys)) + (u.Keys.Count > ListedKeys ? ", …" : "") + $" (add {AllowUnused} to skip them)",
        LoraRankExceededException r => $"{Lora}: {string.Join(" + ", r.Adapters)} need rank {r.RequiredRank} on {r.Module}, but the package's LoRA slots "
            + $"have rank {r.SlotRank} (add {Fit} svd to fold them to rank {r.SlotRank})",
        LoraSlotMismatchException m => $"{Lora}: LoRA {m.Adapter}, {m.Target}: {m.Problem}",
        _ => null,
    };
}
