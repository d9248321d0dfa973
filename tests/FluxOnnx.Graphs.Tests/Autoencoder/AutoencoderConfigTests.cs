using FluxOnnx.TestSupport;
using FluxOnnx.Graphs.Models;
using FluxOnnx.Graphs.Models.Autoencoder;
using FluxOnnx.Graphs.Weights;
using Xunit;
using FluxOnnx.Converter.Formats;

namespace FluxOnnx.Graphs.Tests.Autoencoder;

[Collection(AeCollection.Name)]
public sealed class AutoencoderConfigTests(AeFixture ae)
{
    [Fact]
    public void Ae_preset_is_flux_util_ae_params()
    {
        var c = AutoencoderConfig.Ae;

        Assert.Equal((256, 3, 128, 3, 2, 16), (c.Resolution, c.InChannels, c.Ch, c.OutCh, c.NumResBlocks, c.ZChannels));
        Assert.Equal([1, 2, 4, 4], c.ChMult);
        Assert.Equal((0.3611, 0.1159), (c.ScaleFactor, c.ShiftFactor));
        Assert.Equal(8, c.DownsampleFactor);
        Assert.Equal(512, c.MidChannels);
    }

    [Fact]
    public void Checkpoint_shapes_give_the_params_json_config()
    {
        var derived = AutoencoderConfig.FromCheckpoint(ae.WholeCheckpoint);

        Assert.Equal(AutoencoderParamsJson.Load(ae.ParamsPath), derived);
        Assert.Equal([1, 2, 2, 2], derived.ChMult);
        Assert.Equal(1, derived.NumResBlocks);
        Assert.Equal(16, derived.ZChannels);
    }

    [Fact]
    public void Checkpoint_derivation_names_the_tensor_it_lacks()
    {
        var decoderOnly = new PrefixFilteredWeightSource(ae.WholeCheckpoint, AutoencoderGraphs.DecoderWeightPrefix);

        var ex = Assert.Throws<WeightMismatchException>(() => AutoencoderConfig.FromCheckpoint(decoderOnly));

        Assert.Equal(["encoder.conv_in.weight"], ex.Missing);
    }

    [Theory]
    [InlineData(48, new[] { 1, 2 }, 0.3611)]   // GroupNorm(32) over 48 channels
    [InlineData(16, new[] { 2, 2 }, 0.3611)]   // levels fit, but conv_in's 16 channels do not
    [InlineData(32, new int[0], 0.3611)]       // no levels
    [InlineData(32, new[] { 1, 0 }, 0.3611)]   // a zero multiplier
    [InlineData(32, new[] { 1, 2 }, 0.0)]      // decode divides by the scale
    public void Invalid_configs_are_rejected(int ch, int[] chMult, double scale)
    {
        var ex = Assert.Throws<ModelConfigException>(() => new AutoencoderConfig(256, 3, ch, 3, chMult, 1, 16, scale, 0.1159));

        Assert.Contains(ex.Key, new[] { "ch", "ch_mult", "scale_factor" });
        Assert.Null(ex.FilePath);
    }

    [Fact]
    public void Configs_compare_by_value()
    {
        var a = new AutoencoderConfig(256, 3, 32, 3, [1, 2], 1, 16, 0.3611, 0.1159);
        var b = new AutoencoderConfig(256, 3, 32, 3, new List<int> { 1, 2 }, 1, 16, 0.3611, 0.1159);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new AutoencoderConfig(256, 3, 32, 3, [1, 4], 1, 16, 0.3611, 0.1159));
    }
}
