using System.Text.Json;
using FluxOnnx.Converter.Formats;
using FluxOnnx.Converter.Safetensors;

namespace FluxOnnx.Converter.Checkpoints;

/// <summary>
/// The stored tensors of one component: those behind its prefix (stripped), with ComfyUI scaled-fp8 companions
/// (<c>scaled_fp8</c> marker, <c>scale_weight</c>/<c>weight_scale</c>, <c>scale_input</c>/<c>input_scale</c>,
/// <c>comfy_quant</c>) attached to their weights and removed from the list, so recipes only see weights.
/// Reads only the header, and the few-byte <c>comfy_quant</c> JSON tensors to check their format.
/// </summary>
internal sealed class ComponentTensors
{
    private ComponentTensors(ISafetensorsSource file, string prefix, Dictionary<string, StoredTensor> byName, List<string> companions, bool scaled)
    {
        File = file;
        Prefix = prefix;
        ByName = byName;
        Companions = companions;
        IsScaledFp8 = scaled;
    }

    public ISafetensorsSource File { get; }

    public string Prefix { get; }

    /// <summary>Weights by stored name without the prefix, in storage order.</summary>
    public IReadOnlyDictionary<string, StoredTensor> ByName { get; }

    /// <summary>Stored names (with prefix) consumed as quantization companions.</summary>
    public IReadOnlyList<string> Companions { get; }

    /// <summary>True when the component carries any scaled-fp8 sign (marker, metadata, layer config or scale).</summary>
    public bool IsScaledFp8 { get; }

    /// <exception cref="UnsupportedQuantizationException">A layer is quantized in another format than fp8.</exception>
    public static ComponentTensors Build(ISafetensorsSource file, string prefix)
    {
        var stored = file.Tensors.Where(t => t.Name.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(t => t.Name[prefix.Length..], StringComparer.Ordinal);
        var companions = new List<string>();
        bool scaled = CheckMetadata(file, prefix);
        if (stored.Remove(ComfyUiFormat.ScaledFp8Marker))
        {
            companions.Add(prefix + ComfyUiFormat.ScaledFp8Marker);
            scaled = true;
        }
        var scaleOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var inputScaleOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in stored.Keys.ToArray())
        {
            if (TryLayer(name, ComfyUiFormat.LayerConfig, out string layer) && stored.ContainsKey(ComfyUiFormat.WeightOf(layer)))
            {
                CheckLayerConfig(file, prefix + name);
                Consume(name);
            }
            else if ((TryLayer(name, ComfyUiFormat.LegacyWeightScale, out layer) || TryLayer(name, ComfyUiFormat.WeightScale, out layer))
                && stored.ContainsKey(ComfyUiFormat.WeightOf(layer)))
            {
                scaleOf[ComfyUiFormat.WeightOf(layer)] = prefix + name;
                Consume(name);
            }
            else if ((TryLayer(name, ComfyUiFormat.LegacyInputScale, out layer) || TryLayer(name, ComfyUiFormat.InputScale, out layer))
                && stored.ContainsKey(ComfyUiFormat.WeightOf(layer)))
            {
                inputScaleOf[ComfyUiFormat.WeightOf(layer)] = prefix + name;
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
        return new ComponentTensors(file, prefix, byName, companions, scaled);

        void Consume(string name)
        {
            stored.Remove(name);
            companions.Add(prefix + name);
            scaled = true;
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
        string layer = configName[..^ComfyUiFormat.LayerConfig.Length];
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
        if (!ComfyUiFormat.SupportedFormats.Contains(format))
        {
            throw new UnsupportedQuantizationException(file.FilePath, layer, format);
        }
    }

    /// <returns>True when the header declares quantized layers of this component.</returns>
    private static bool CheckMetadata(ISafetensorsSource file, string prefix)
    {
        if (!file.Metadata.TryGetValue(ComfyUiFormat.MetadataKey, out string? json))
        {
            return false;
        }
        bool any = false;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            throw new UnsupportedQuantizationException(file.FilePath, ComfyUiFormat.MetadataKey, "(metadata that is not JSON)");
        }
        using var _ = document;
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("layers", out JsonElement layers) || layers.ValueKind != JsonValueKind.Object)
        {
            throw new UnsupportedQuantizationException(file.FilePath, ComfyUiFormat.MetadataKey, "(no layers object)");
        }
        foreach (JsonProperty layer in layers.EnumerateObject())
        {
            bool ours = prefix.Length == 0 || layer.Name.StartsWith(prefix, StringComparison.Ordinal) || file.Contains(prefix + ComfyUiFormat.WeightOf(layer.Name));
            if (!ours)
            {
                continue;
            }
            any = true;
            string format = layer.Value.ValueKind switch
            {
                JsonValueKind.String => layer.Value.GetString()!,
                JsonValueKind.Object when layer.Value.TryGetProperty("format", out JsonElement f) =>
                    f.ValueKind == JsonValueKind.String ? f.GetString()! : f.GetRawText(),
                JsonValueKind.Object => "",
                _ => layer.Value.GetRawText(),
            };
            if (!ComfyUiFormat.SupportedFormats.Contains(format))
            {
                throw new UnsupportedQuantizationException(file.FilePath, layer.Name, format);
            }
        }
        return any;
    }
}
