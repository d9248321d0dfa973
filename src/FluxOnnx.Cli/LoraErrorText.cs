using FluxOnnx.Converter.Lora;
using FluxOnnx.Lora;

namespace FluxOnnx.Cli;

/// <summary>
/// The one line for the library's LoRA errors, built from their data with the request fields (<c>Loras</c>,
/// <c>LoraAllowUnused</c>, <c>LoraFit</c>) spelled as the flags that set them.
/// </summary>
internal static class LoraErrorText
{
    private const int ListedKeys = 20;

    /// <summary>The line for <paramref name="e"/>, or null when it is not a LoRA error with a request field.</summary>
    public static string? Describe(Exception e) => e switch
    {
        LoraFileException f => $"--lora: LoRA {f.FilePath}: {f.Problem}",
        LoraUnusedKeysException u => $"--lora: LoRA {u.FilePath}: {u.Keys.Count} key(s) match nothing in the model: "
            + string.Join(", ", u.Keys.Take(ListedKeys)) + (u.Keys.Count > ListedKeys ? ", …" : "") + " (add --lora-allow-unused to skip them)",
        LoraRankExceededException r => $"--lora: {string.Join(" + ", r.Adapters)} need rank {r.RequiredRank} on {r.Module}, but the package's LoRA slots "
            + $"have rank {r.SlotRank} (add --lora-fit svd to fold them to rank {r.SlotRank})",
        LoraSlotMismatchException m => $"--lora: LoRA {m.Adapter}, {m.Target}: {m.Problem}",
        _ => null,
    };
}
