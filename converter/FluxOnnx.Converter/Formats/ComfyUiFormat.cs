using FluxOnnx.Converter.Checkpoints;

namespace FluxOnnx.Converter.Formats;

/// <summary>
/// ComfyUI's single-file conventions, as data. All-in-one checkpoints keep each component behind a prefix
/// (the names behind it are BFL for the transformer and autoencoder, HF for the text encoders); "scaled fp8"
/// files store fp8 weights with per-layer scale tensors (ComfyUI <c>comfy/utils.py</c> <c>convert_old_quants</c>,
/// <c>comfy/ops.py</c>, <c>QUANTIZATION.md</c>).
/// </summary>
internal static class ComfyUiFormat
{
    /// <summary>Component prefixes of an all-in-one file, in lookup order. Text encoders may add <c>transformer.</c>.</summary>
    public static readonly IReadOnlyList<(ComponentKind Kind, string Prefix)> Prefixes =
    [
        (ComponentKind.Transformer, "model.diffusion_model."),
        (ComponentKind.Autoencoder, "vae."),
        (ComponentKind.Autoencoder, "first_stage_model."),
        (ComponentKind.Clip, "text_encoders.clip_l."),
        (ComponentKind.T5, "text_encoders.t5xxl."),
    ];

    /// <summary>Extra segment some writers put between a text-encoder prefix and the HF names.</summary>
    public const string TextEncoderInnerPrefix = "transformer.";

    /// <summary>Legacy marker tensor: the component's weights are scaled fp8 (its dtype says which fp8).</summary>
    public const string ScaledFp8Marker = "scaled_fp8";

    /// <summary>Legacy per-layer weight scale: W = float(layer.weight) × layer.scale_weight.</summary>
    public const string LegacyWeightScale = ".scale_weight";

    /// <summary>Legacy per-layer activation scale.</summary>
    public const string LegacyInputScale = ".scale_input";

    /// <summary>Current per-layer weight scale.</summary>
    public const string WeightScale = ".weight_scale";

    /// <summary>Current per-layer activation scale.</summary>
    public const string InputScale = ".input_scale";

    /// <summary>Current per-layer uint8 tensor holding the layer's JSON config (<c>{"format": "float8_e4m3fn"}</c>).</summary>
    public const string LayerConfig = ".comfy_quant";

    /// <summary>Header metadata key holding <c>{"format_version": ..., "layers": {layer: {"format": ...}}}</c>.</summary>
    public const string MetadataKey = "_quantization_metadata";

    /// <summary>Layer formats the recipes dequantize.</summary>
    public static readonly IReadOnlySet<string> SupportedFormats = new HashSet<string>(StringComparer.Ordinal) { "float8_e4m3fn", "float8_e5m2" };

    /// <summary>The weight a companion belongs to: <c>x.scale_weight</c> → <c>x.weight</c>.</summary>
    public static string WeightOf(string layer) => layer + ".weight";
}
