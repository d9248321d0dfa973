using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.TestSupport;
using Xunit;
using FluxOnnx.Converter.Formats;

namespace FluxOnnx.Graphs.Tests.Flux;

/// <summary>FluxConfig: presets, invariants and derivation from checkpoint shapes (the params JSON and config.json
/// readers are the converter's: FluxConfigFileTests).</summary>
public sealed class FluxConfigTests
{
    [Fact]
    public void Presets_carry_the_flux1_numbers()
    {
        var dev = FluxConfig.FluxDev;
        Assert.Equal((64, 64, 768, 4096, 3072, 24, 19, 38, 10_000), (dev.InChannels, dev.OutChannels, dev.VecInDim,
            dev.ContextInDim, dev.HiddenSize, dev.NumHeads, dev.Depth, dev.DepthSingleBlocks, dev.Theta));
        Assert.Equal([16, 56, 56], dev.AxesDim);
        Assert.Equal(128, dev.HeadDim);
        Assert.Equal(12288, dev.MlpHiddenDim);
        Assert.True(dev.GuidanceEmbed);
        Assert.False(FluxConfig.FluxSchnell.GuidanceEmbed);
        Assert.Equal(FluxConfig.FluxSchnell with { GuidanceEmbed = true }, dev);
    }

    [Fact]
    public void Hidden_not_divisible_by_heads_is_rejected()
    {
        var e = Assert.Throws<InvalidFluxConfigException>(() => (FluxConfig.FluxDev with { NumHeads = 25 }).Validate());
        Assert.Equal("hidden_size", e.Parameter);
        Assert.Equal("3072", e.Value);
    }

    [Fact]
    public void Axes_not_summing_to_the_head_dim_are_rejected()
    {
        var e = Assert.Throws<InvalidFluxConfigException>(() => (FluxConfig.FluxDev with { AxesDim = [16, 56, 48] }).Validate());
        Assert.Equal("axes_dim", e.Parameter);
        Assert.Equal("[16, 56, 48]", e.Value);
    }

    [Theory]
    [InlineData("flux-tiny-schnell")]
    [InlineData("flux-tiny-fill")]
    [InlineData("flux-tiny-canny")]
    [InlineData("flux-tiny-kontext")]
    public void Shapes_of_each_fixture_checkpoint_give_its_params_json(string model)
    {
        string folder = Path.Combine(SharedPaths.Models, model);
        var expected = FluxParamsJson.Load(Path.Combine(folder, "flux_params.json"));
        using var file = SafetensorsFile.Open(Path.Combine(folder, "flux.safetensors"));
        // axes_dim and theta are not in the weights: take them from a preset shaped like the tiny models.
        var preset = FluxConfig.FluxDev with { AxesDim = [8, 12, 12] };

        var derived = FluxConfig.FromCheckpointShapes(
            file.Tensors.Select(t => KeyValuePair.Create(t.Name, (IReadOnlyList<long>)t.Shape.ToArray())), preset);

        Assert.Equal(expected, derived);
    }

    [Fact]
    public void A_gap_in_the_block_indices_is_rejected()
    {
        using var file = SafetensorsFile.Open(Path.Combine(SharedPaths.Models, "flux-tiny-schnell", "flux.safetensors"));
        var shapes = file.Tensors
            .Where(t => !t.Name.StartsWith("single_blocks.0.", StringComparison.Ordinal))
            .Select(t => KeyValuePair.Create(t.Name, (IReadOnlyList<long>)t.Shape.ToArray()));

        var e = Assert.Throws<InvalidFluxConfigException>(() => FluxConfig.FromCheckpointShapes(shapes, FluxConfig.FluxSchnell));
        Assert.Equal("depth_single_blocks", e.Parameter);
        Assert.Equal("single_blocks.0.*", e.TensorName);
    }
}
