using System.Text.Json;
using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Converter.Safetensors;

namespace FluxOnnx.Converter.Formats;

/// <summary>
/// Every ComfyUI single-file rule: the all-in-one prefixes, the one scaled-fp8 detector, and how scale companions
/// attach to their weights. All-in-one checkpoints keep each component behind a prefix
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

    /// <summary>
    /// The components of an all-in-one file, from its keys: each known prefix present (a text encoder's
    /// <see cref="TextEncoderInnerPrefix"/> included when its keys carry it), one per kind, in lookup order.
    /// </summary>
    public static IEnumerable<(ComponentKind Kind, string Prefix)> Components(IReadOnlySet<string> keys)
    {
        var seen = new HashSet<ComponentKind>();
        foreach ((ComponentKind kind, string outer) in Prefixes)
        {
            if (seen.Contains(kind) || !keys.Any(k => k.StartsWith(outer, StringComparison.Ordinal)))
            {
                continue;
            }
            seen.Add(kind);
            yield return (kind, kind is ComponentKind.Clip or ComponentKind.T5 && keys.Any(k => k.StartsWith(outer + TextEncoderInnerPrefix, StringComparison.Ordinal))
                ? outer + TextEncoderInnerPrefix
                : outer);
        }
    }

    /// <summary>
    /// The scaled-fp8 detector: the component behind <paramref name="prefix"/> is scaled fp8 when it has the legacy
    /// marker, a layer config or a weight scale (either form), or, for a whole file, header quantization metadata.
    /// </summary>
    public static bool IsScaledFp8(IReadOnlySet<string> keys, IReadOnlyDictionary<string, string> metadata, string prefix) =>
        keys.Contains(prefix + ScaledFp8Marker)
        || (metadata.ContainsKey(MetadataKey) && prefix.Length == 0)
        || keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal) && (k.EndsWith(LayerConfig, StringComparison.Ordinal)
            || k.EndsWith(LegacyWeightScale, StringComparison.Ordinal) || k.EndsWith(WeightScale, StringComparison.Ordinal)));

    /// <summary>
    /// The tensors of the component behind <paramref name="prefix"/>, scaled-fp8 companions (marker, weight and input
    /// scales in both forms, <c>comfy_quant</c>) attached to their weights. Reads only the header, and the few-byte
    /// <c>comfy_quant</c> JSON tensors to check their format.
    /// </summary>
    /// <exception cref="UnsupportedQuantizationException">A layer is quantized in another format than fp8.</exception>
    public static ComponentTensors Tensors(ISafetensorsSource file, string prefix)
    {
        var stored = file.Tensors.Where(t => t.Name.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(t => t.Name[prefix.Length..], StringComparer.Ordinal);
        var companions = new List<string>();
        CheckMetadata(file, prefix);
        if (stored.Remove(ScaledFp8Marker))
        {
            companions.Add(prefix + ScaledFp8Marker);
        }
        var scaleOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var inputScaleOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in stored.Keys.ToArray())
        {
            if (TryLayer(name, LayerConfig, out string layer) && stored.ContainsKey(WeightOf(layer)))
            {
                CheckLayerConfig(file, prefix + name);
                Consume(name);
            }
            else if ((TryLayer(name, LegacyWeightScale, out layer) || TryLayer(name, WeightScale, out layer))
                && stored.ContainsKey(WeightOf(layer)))
            {
                scaleOf[WeightOf(layer)] = prefix + name;
                Consume(name);
            }
            else if ((TryLayer(name, LegacyInputScale, out layer) || TryLayer(name, InputScale, out layer))
                && stored.ContainsKey(WeightOf(layer)))
            {
                inputScaleOf[WeightOf(layer)] = prefix + name;
                Consume(name);
            }
        }
        var byName = new Dictionary<string, StoredTensor>(StringComparer.Ordinal);
        foreach ((string name, SafetensorsTensorInfo info) in stored.OrderBy(p => p.Value.DataOffset))
        {
            string? scale = scaleOf.GetValueOrDefault(name);
            if (scale is not null)
            {
                CheckScaleShape(file, name, info, scale);
            }
            byName[name] = new StoredTensor(file, info, scale, inputScaleOf.GetValueOrDefault(name));
        }
        return new ComponentTensors(file, prefix, byName, companions);

        void Consume(string name)
        {
            stored.Remove(name);
            companions.Add(prefix + name);
        }
    }

    private static bool TryLayer(string name, string suffix, out string layer)
    {
        layer = name.EndsWith(suffix, StringComparison.Ordinal) ? name[..^suffix.Length] : "";
        return layer.Length > 0;
    }

    private static void CheckScaleShape(ISafetensorsSource file, string weight, SafetensorsTensorInfo info, string scaleName)
    {
        long rows = info.Shape.Length == 0 ? 1 : info.Shape[0];
        long count = file.GetInfo(scaleName).ElementCount;
        if (count != 1 && count != rows)
        {
            throw new RecipeShapeException(file.FilePath, weight, scaleName, $"1 or {rows} (one per row) scale values", $"{count}");
        }
    }

    private static void CheckLayerConfig(ISafetensorsSource file, string configName)
    {
        string layer = configName[..^LayerConfig.Length];
        string json = System.Text.Encoding.UTF8.GetString(file.GetBytes(configName));
        string format;
        try
        {
            using var document = JsonDocument.Parse(json);
            format = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("format", out JsonElement f)
                ? (f.ValueKind == JsonValueKind.String ? f.GetString()! : f.GetRawText())
                : "";
        }
        catch (JsonException)
        {
            format = json;
        }
        if (!SupportedFormats.Contains(format))
        {
            throw new UnsupportedQuantizationException(file.FilePath, layer, format);
        }
    }

    /// <summary>Every layer the header metadata declares for this component must be in a supported format.</summary>
    private static void CheckMetadata(ISafetensorsSource file, string prefix)
    {
        if (!file.Metadata.TryGetValue(MetadataKey, out string? json))
        {
            return;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            throw new UnsupportedQuantizationException(file.FilePath, MetadataKey, "(metadata that is not JSON)");
        }
        using var _ = document;
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("layers", out JsonElement layers) || layers.ValueKind != JsonValueKind.Object)
        {
            throw new UnsupportedQuantizationException(file.FilePath, MetadataKey, "(no layers object)");
        }
        foreach (JsonProperty layer in layers.EnumerateObject())
        {
            bool ours = prefix.Length == 0 || layer.Name.StartsWith(prefix, StringComparison.Ordinal) || file.Contains(prefix + WeightOf(layer.Name));
            if (!ours)
            {
                continue;
            }
            string format = layer.Value.ValueKind switch
            {
                JsonValueKind.String => layer.Value.GetString()!,
                JsonValueKind.Object when layer.Value.TryGetProperty("format", out JsonElement f) =>
                    f.ValueKind == JsonValueKind.String ? f.GetString()! : f.GetRawText(),
                JsonValueKind.Object => "",
                _ => layer.Value.GetRawText(),
            };
            if (!SupportedFormats.Contains(format))
            {
                throw new UnsupportedQuantizationException(file.FilePath, layer.Name, format);
            }
        }
    }
}
