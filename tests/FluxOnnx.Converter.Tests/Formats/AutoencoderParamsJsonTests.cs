using FluxOnnx.Converter.Formats;
using FluxOnnx.Graphs.Models;
using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Converter.Tests.Formats;

/// <summary>BFL's AutoEncoderParams JSON as the converter reads it.</summary>
public sealed class AutoencoderParamsJsonTests
{
    private static readonly string ParamsPath = Path.Combine(SharedPaths.Models, "ae_params.json");

    [Fact]
    public void Params_json_reads_every_field()
    {
        var c = AutoencoderParamsJson.Load(ParamsPath);

        Assert.Equal((256, 3, 32, 3, 1, 16), (c.Resolution, c.InChannels, c.Ch, c.OutCh, c.NumResBlocks, c.ZChannels));
        Assert.Equal([1, 2, 2, 2], c.ChMult);
        Assert.Equal((0.3611, 0.1159), (c.ScaleFactor, c.ShiftFactor));
        Assert.Equal(8, c.DownsampleFactor);
    }

    [Fact]
    public void Params_json_without_a_field_is_rejected()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ae_params.json");
        File.WriteAllText(path, """{"resolution": 256, "in_channels": 3, "ch": 32, "out_ch": 3, "ch_mult": [1, 2], "num_res_blocks": 1, "z_channels": 16, "scale_factor": 0.3611}""");

        var ex = Assert.Throws<ModelConfigException>(() => AutoencoderParamsJson.Load(path));
        Assert.Equal(path, ex.FilePath);
        Assert.Contains("shift_factor", ex.Message);
    }
}
