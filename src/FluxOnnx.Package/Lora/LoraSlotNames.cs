namespace FluxOnnx.Lora;

/// <summary>
/// Graph input names of a run-time LoRA slot on the Linear <c>module</c> (a package built with LoRA slots of rank R):
/// <code>
///   lora_down.{module}  [in, R]   = Aᵀ (MatMul layout)
///   lora_up.{module}    [R, out]  = Bᵀ
///   y = x·Wᵀ + b + (x · lora_down) · lora_up
/// </code>
/// Zeros leave the Linear unchanged. Part of the package contract: the converter emits these inputs, the runtime
/// binds them by name.
/// </summary>
public static class LoraSlotNames
{
    public const string DownPrefix = "lora_down.";
    public const string UpPrefix = "lora_up.";

    public static string Down(string module) => DownPrefix + module;

    public static string Up(string module) => UpPrefix + module;

    /// <summary>Whether <paramref name="inputName"/> is a slot input (<c>lora_down.*</c> or <c>lora_up.*</c>).</summary>
    public static bool IsSlotInput(string inputName) =>
        inputName.StartsWith(DownPrefix, StringComparison.Ordinal) || inputName.StartsWith(UpPrefix, StringComparison.Ordinal);

    /// <summary>The module of a <c>lora_down.*</c> input name, or null for any other input.</summary>
    public static string? ModuleOfDown(string inputName) =>
        inputName.StartsWith(DownPrefix, StringComparison.Ordinal) ? inputName[DownPrefix.Length..] : null;
}
