using System.Text.Json;
using FluxOnnx.Graphs.Models.Flux;

namespace FluxOnnx.Converter.Formats;

/// <summary>
/// A diffusers FluxTransformer2DModel config.json: what it adds to the shapes is the RoPE axes
/// (diffusers transformer_flux.py FluxTransformer2DModel.__init__: axes_dims_rope, default (16, 56, 56)); every
/// other field it holds is also visible in the weights, and must agree with them.
/// </summary>
public static class DiffusersTransformerConfigJson
{
    /// <summary>
    /// The config of a diffusers transformer folder: derived from the checkpoint's shapes like
    /// <see cref="FluxConfig.FromCheckpointShapes"/>, with <c>axes_dims_rope</c> taken from <paramref name="configJsonPath"/>
    /// when present (else the preset's), and the head count, depths and guidance flag it states checked against
    /// the shapes. A disagreement throws <see cref="InvalidFluxConfigException"/> naming the key.
    /// </summary>
    public static FluxConfig Read(string configJsonPath, IEnumerable<KeyValuePair<string, IReadOnlyList<long>>> shapes, FluxConfig preset)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(configJsonPath));
            root = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidFluxConfigException("$", "unreadable", "is not valid JSON: " + e.Message, filePath: configJsonPath, inner: e);
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidFluxConfigException("$", root.ValueKind.ToString(), "is not a JSON object", filePath: configJsonPath);
        }
        var withAxes = preset;
        if (root.TryGetProperty("axes_dims_rope", out var axes))
        {
            if (axes.ValueKind != JsonValueKind.Array || axes.EnumerateArray().Any(a => !IsInt(a)))
            {
                throw new InvalidFluxConfigException("axes_dims_rope", axes.GetRawText(), "is not an array of integers", filePath: configJsonPath);
            }
            withAxes = preset with { AxesDim = axes.EnumerateArray().Select(a => a.GetInt32()).ToArray() };
        }
        var config = FluxConfig.FromCheckpointShapes(shapes, withAxes); // shape errors name their tensor, not this file
        try
        {
            Check(root, "num_layers", config.Depth);
            Check(root, "num_single_layers", config.DepthSingleBlocks);
            Check(root, "attention_head_dim", config.HeadDim);
            Check(root, "num_attention_heads", config.NumHeads);
            Check(root, "in_channels", config.InChannels);
            if (root.TryGetProperty("guidance_embeds", out var guidance)
                && (guidance.ValueKind is not (JsonValueKind.True or JsonValueKind.False) || guidance.GetBoolean() != config.GuidanceEmbed))
            {
                throw new InvalidFluxConfigException("guidance_embeds", guidance.GetRawText(),
                    $"disagrees with the weights ({(config.GuidanceEmbed ? "guidance_in present" : "no guidance_in")})");
            }
            return config;
        }
        catch (InvalidFluxConfigException e)
        {
            throw e.InFile(configJsonPath);
        }
    }

    private static bool IsInt(JsonElement value) => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _);

    private static void Check(JsonElement root, string key, int fromWeights)
    {
        if (!root.TryGetProperty(key, out var value))
        {
            return;
        }
        if (!IsInt(value))
        {
            throw new InvalidFluxConfigException(key, value.GetRawText(), "is not an integer");
        }
        if (value.GetInt32() != fromWeights)
        {
            throw new InvalidFluxConfigException(key, value.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"disagrees with the weights, which imply {fromWeights}");
        }
    }
}
