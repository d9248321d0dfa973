using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.Autoencoder;
using FluxOnnx.Graphs.Weights;
using Xunit;

namespace FluxOnnx.Graphs.Tests.Autoencoder;

/// <summary>A checkpoint that does not fit the graph is reported by tensor name, never written.</summary>
[Collection(AeCollection.Name)]
public sealed class AutoencoderWeightTests(AeFixture ae)
{
    private IWeightSource Encoder => new PrefixFilteredWeightSource(ae.WholeCheckpoint, AutoencoderGraphs.EncoderWeightPrefix);

    private IWeightSource Decoder => new PrefixFilteredWeightSource(ae.WholeCheckpoint, AutoencoderGraphs.DecoderWeightPrefix);

    [Fact]
    public void A_missing_tensor_is_named()
    {
        var ex = BuildAndCheck(encoder: true, new EditedWeightSource(Encoder, drop: "encoder.mid.attn_1.q.weight"));

        Assert.Equal(["encoder.mid.attn_1.q.weight"], ex.Missing);
        Assert.Empty(ex.Unused);
        Assert.Empty(ex.ShapeMismatches);
        Assert.Contains("encoder.mid.attn_1.q.weight", ex.Message);
    }

    [Fact]
    public void A_renamed_tensor_is_missing_under_its_reference_name_and_unused_under_the_new_one()
    {
        var source = new EditedWeightSource(Decoder,
            rename: ("decoder.up.0.block.0.nin_shortcut.weight", "decoder.up.0.block.0.skip.weight"));

        var ex = BuildAndCheck(encoder: false, source);

        Assert.Equal(["decoder.up.0.block.0.nin_shortcut.weight"], ex.Missing);
        Assert.Equal(["decoder.up.0.block.0.skip.weight"], ex.Unused);
    }

    [Fact]
    public void A_tensor_of_another_shape_is_named_with_both_shapes()
    {
        var source = new EditedWeightSource(Decoder, reshape: ("decoder.conv_in.weight", [64, 8, 3, 3]));

        var ex = BuildAndCheck(encoder: false, source);

        var mismatch = Assert.Single(ex.ShapeMismatches);
        Assert.Equal("decoder.conv_in.weight", mismatch.Name);
        Assert.Equal(new long[] { 64, 16, 3, 3 }, mismatch.Expected);
        Assert.Equal(new long[] { 64, 8, 3, 3 }, mismatch.Actual);
        Assert.Empty(ex.Missing);
    }

    [Fact]
    public void A_config_that_does_not_match_the_checkpoint_lists_every_difference()
    {
        // One res block per level in the fixture; asking for two makes every block.1 of the encoder missing.
        var c = ae.Config;
        var twoBlocks = new AutoencoderConfig(c.Resolution, c.InChannels, c.Ch, c.OutCh, c.ChMult, 2, c.ZChannels,
            c.ScaleFactor, c.ShiftFactor);
        var g = new GraphBuilder();
        var weights = new WeightRegistry(g, Encoder);
        AutoencoderGraphs.BuildEncoder(g, weights.Root, twoBlocks);

        var ex = Assert.Throws<WeightMismatchException>(weights.EnsureComplete);

        Assert.Contains("encoder.down.0.block.1.conv1.weight", ex.Missing);
        Assert.Contains("encoder.down.3.block.1.norm2.bias", ex.Missing);
        Assert.Equal(4 * 8, ex.Missing.Count); // 4 levels × (norm1, conv1, norm2, conv2) × (weight, bias)
    }

    [Fact]
    public void Without_the_prefix_filter_the_other_half_shows_up_as_unused()
    {
        var ex = BuildAndCheck(encoder: true, ae.WholeCheckpoint);

        Assert.Empty(ex.Missing);
        Assert.All(ex.Unused, name => Assert.StartsWith("decoder.", name));
        Assert.Equal(ae.Checkpoint.Tensors.Count(t => t.Name.StartsWith("decoder.", StringComparison.Ordinal)), ex.Unused.Count);
    }

    private WeightMismatchException BuildAndCheck(bool encoder, IWeightSource source)
    {
        var g = new GraphBuilder();
        var weights = new WeightRegistry(g, source);
        var config = ae.Config;
        if (encoder)
        {
            AutoencoderGraphs.BuildEncoder(g, weights.Root, config);
        }
        else
        {
            AutoencoderGraphs.BuildDecoder(g, weights.Root, config);
        }
        return Assert.Throws<WeightMismatchException>(weights.EnsureComplete);
    }
}
