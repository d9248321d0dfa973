using System.Text.Json;
using System.Text.Json.Serialization;
using FluxOnnx.Graphs.Models.Flux;

namespace FluxOnnx.Converter.Formats;

/// <summary>A BFL params JSON (the <c>FluxParams</c> fields by name, as the fixtures' <c>flux_params.json</c>) as a <see cref="FluxConfig"/>.</summary>
public static class FluxParamsJson
{
    /// <summary>
    /// Parses a BFL params JSON object with every <c>FluxParams</c> field (<c>in_channels</c> ...
    /// <c>guidance_embed</c>). A missing field or a wrong type throws <see cref="InvalidFluxConfigException"/>.
    /// </summary>
    public static FluxConfig Parse(string json)
    {
        ParamsJson? p;
        try
        {
            p = JsonSerializer.Deserialize<ParamsJson>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidFluxConfigException(e.Path ?? "$", "unreadable", "is not a valid FluxParams JSON: " + e.Message);
        }
        if (p is null) throw new InvalidFluxConfigException("$", "null", "is not a FluxParams JSON object");
        return new FluxConfig
        {
            InChannels = p.InChannels,
            OutChannels = p.OutChannels,
            VecInDim = p.VecInDim,
            ContextInDim = p.ContextInDim,
            HiddenSize = p.HiddenSize,
            MlpRatio = p.MlpRatio,
            NumHeads = p.NumHeads,
            Depth = p.Depth,
            DepthSingleBlocks = p.DepthSingleBlocks,
            AxesDim = p.AxesDim.ToArray(),
            Theta = p.Theta,
            QkvBias = p.QkvBias,
            GuidanceEmbed = p.GuidanceEmbed,
        }.Validate();
    }

    /// <summary>Reads <paramref name="path"/> (UTF-8) and parses it with <see cref="Parse"/>.</summary>
    public static FluxConfig Load(string path)
    {
        var json = File.ReadAllText(path);
        try
        {
            return Parse(json);
        }
        catch (InvalidFluxConfigException e)
        {
            throw e.InFile(path);
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.Strict,
    };

    // The JSON form of BFL's FluxParams; every field is required.
    private sealed record ParamsJson(
        [property: JsonRequired] int InChannels,
        [property: JsonRequired] int OutChannels,
        [property: JsonRequired] int VecInDim,
        [property: JsonRequired] int ContextInDim,
        [property: JsonRequired] int HiddenSize,
        [property: JsonRequired] double MlpRatio,
        [property: JsonRequired] int NumHeads,
        [property: JsonRequired] int Depth,
        [property: JsonRequired] int DepthSingleBlocks,
        [property: JsonRequired] int[] AxesDim,
        [property: JsonRequired] int Theta,
        [property: JsonRequired] bool QkvBias,
        [property: JsonRequired] bool GuidanceEmbed);
}
