namespace FluxOnnx.Converter.Checkpoints;

/// <summary>The stable names of <see cref="CheckpointFormat"/> values written into the package manifest.</summary>
public static class CheckpointFormatNames
{
    /// <summary><c>bfl</c>, <c>diffusers</c>, <c>comfyui</c>, <c>comfyui-fp8-scaled</c> or <c>hf</c>.</summary>
    public static string ManifestName(this CheckpointFormat format) => format switch
    {
        CheckpointFormat.Bfl => "bfl",
        CheckpointFormat.Diffusers => "diffusers",
        CheckpointFormat.ComfyUi => "comfyui",
        CheckpointFormat.ComfyUiFp8Scaled => "comfyui-fp8-scaled",
        CheckpointFormat.Hf => "hf",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
