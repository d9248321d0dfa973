using System.Text.Json;

namespace FluxOnnx.Tools.Benchmarking;

/// <summary>
/// The FLUX transformer sizes the FLOP count needs, read from the package manifest's transformer <c>config</c> (the
/// converter writes the graph's <c>FluxConfig</c> there in snake_case; field names as BFL's <c>FluxParams</c>,
/// flux <c>src/flux/model.py</c>). The runtime does not reference the graph project, hence this small copy.
/// </summary>
public sealed record TransformerDims(
    int InChannels,
    int OutChannels,
    int VecInDim,
    int ContextInDim,
    int HiddenSize,
    double MlpRatio,
    int NumHeads,
    int Depth,
    int DepthSingleBlocks,
    bool GuidanceEmbed)
{
    /// <summary><c>int(hidden_size * mlp_ratio)</c>, as flux <c>layers.py</c> truncates it.</summary>
    public int MlpHiddenDim => (int)(HiddenSize * MlpRatio);

    /// <summary>FLUX.1 [schnell] (flux <c>src/flux/util.py</c> <c>configs["flux-schnell"]</c>).</summary>
    public static TransformerDims FluxSchnell { get; } = new(64, 64, 768, 4096, 3072, 4.0, 24, 19, 38, GuidanceEmbed: false);

    /// <summary>Reads the manifest's transformer config; null when a field is missing or of the wrong kind.</summary>
    public static TransformerDims? FromManifestConfig(IReadOnlyDictionary<string, JsonElement>? config)
    {
        if (config is null)
        {
            return null;
        }
        int? Int(string key) => config.TryGetValue(key, out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v) ? v : null;
        double? Double(string key) => config.TryGetValue(key, out var e) && e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null;
        bool? Bool(string key) => config.TryGetValue(key, out var e) && e.ValueKind is JsonValueKind.True or JsonValueKind.False ? e.GetBoolean() : null;
        if (Int("in_channels") is not { } inChannels || Int("out_channels") is not { } outChannels || Int("vec_in_dim") is not { } vec
            || Int("context_in_dim") is not { } context || Int("hidden_size") is not { } hidden || Double("mlp_ratio") is not { } ratio
            || Int("num_heads") is not { } heads || Int("depth") is not { } depth || Int("depth_single_blocks") is not { } single
            || Bool("guidance_embed") is not { } guidance)
        {
            return null;
        }
        return new TransformerDims(inChannels, outChannels, vec, context, hidden, ratio, heads, depth, single, guidance);
    }
}
