using System.Text.Json;
using System.Text.Json.Serialization;
using FluxOnnx.Graphs.Models;
using FluxOnnx.Graphs.Models.Autoencoder;

namespace FluxOnnx.Converter.Formats;

/// <summary>A BFL-style autoencoder params JSON (<c>ae_params.json</c>, the <c>AutoEncoderParams</c> fields) as an <see cref="AutoencoderConfig"/>.</summary>
public static class AutoencoderParamsJson
{
    /// <summary>
    /// Reads a BFL-style params JSON: the <c>AutoEncoderParams</c> fields in snake_case
    /// (<c>{"resolution": 256, "in_channels": 3, "ch": 32, "ch_mult": [1, 2, 2, 2], ...}</c>). Every field is required.
    /// </summary>
    /// <exception cref="ModelConfigException">The file is not JSON, a field is missing or has the wrong JSON type, or
    /// the values break an invariant; <see cref="ModelConfigException.FilePath"/> is <paramref name="path"/>.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static AutoencoderConfig Load(string path)
    {
        ParamsJson? p;
        try
        {
            using var stream = File.OpenRead(path);
            p = JsonSerializer.Deserialize<ParamsJson>(stream);
        }
        catch (JsonException e)
        {
            throw new ModelConfigException(nameof(AutoencoderConfig), e.Path ?? "$", "an AutoEncoderParams JSON object with every field",
                e.Message, path, e);
        }
        if (p is null)
        {
            throw new ModelConfigException(nameof(AutoencoderConfig), "$", "an AutoEncoderParams JSON object", "null", path);
        }
        try
        {
            return new AutoencoderConfig(p.Resolution, p.InChannels, p.Ch, p.OutCh, p.ChMult, p.NumResBlocks, p.ZChannels,
                p.ScaleFactor, p.ShiftFactor);
        }
        catch (ModelConfigException e)
        {
            throw e.InFile(path);
        }
    }

    private sealed record ParamsJson(
        [property: JsonPropertyName("resolution"), JsonRequired] int Resolution,
        [property: JsonPropertyName("in_channels"), JsonRequired] int InChannels,
        [property: JsonPropertyName("ch"), JsonRequired] int Ch,
        [property: JsonPropertyName("out_ch"), JsonRequired] int OutCh,
        [property: JsonPropertyName("ch_mult"), JsonRequired] int[] ChMult,
        [property: JsonPropertyName("num_res_blocks"), JsonRequired] int NumResBlocks,
        [property: JsonPropertyName("z_channels"), JsonRequired] int ZChannels,
        [property: JsonPropertyName("scale_factor"), JsonRequired] double ScaleFactor,
        [property: JsonPropertyName("shift_factor"), JsonRequired] double ShiftFactor);
}
