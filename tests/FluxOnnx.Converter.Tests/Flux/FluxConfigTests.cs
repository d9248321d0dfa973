using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.TestSupport;
using Xunit;
using FluxOnnx.Converter.Formats;

namespace FluxOnnx.Converter.Tests.Flux;

/// <summary>FluxConfig: presets, invariants, the BFL params JSON, and derivation from checkpoint shapes.</summary>
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

    [Fact]
    public void The_fixture_params_json_loads()
    {
        var config = FluxParamsJson.Load(Path.Combine(SharedPaths.Models, "flux-tiny-schnell", "flux_params.json"));

        Assert.Equal(new FluxConfig
        {
            InChannels = 64, OutChannels = 64, VecInDim = 32, ContextInDim = 64, HiddenSize = 128, MlpRatio = 4.0,
            NumHeads = 4, Depth = 2, DepthSingleBlocks = 2, AxesDim = [8, 12, 12], Theta = 10000, QkvBias = true,
            GuidanceEmbed = false,
        }, config);
    }

    [Fact]
    public void A_params_json_without_a_field_is_rejected()
    {
        Assert.Throws<InvalidFluxConfigException>(() => FluxParamsJson.Parse("""{"in_channels": 64}"""));
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

    [Fact]
    public void A_params_file_without_a_field_names_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"flux-params-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"in_channels": 64}""");
        try
        {
            var e = Assert.Throws<InvalidFluxConfigException>(() => FluxParamsJson.Load(path));
            Assert.Equal(path, e.FilePath);
            Assert.StartsWith(path + ": ", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("""{ "num_layers": 2, """, "$", "unreadable")]
    [InlineData("""[2]""", "$", "Array")]
    [InlineData("""{ "num_layers": "2" }""", "num_layers", "\"2\"")]
    [InlineData("""{ "num_layers": 2.5 }""", "num_layers", "2.5")]
    [InlineData("""{ "axes_dims_rope": [2, "x"] }""", "axes_dims_rope", "[2, \"x\"]")]
    [InlineData("""{ "guidance_embeds": "yes" }""", "guidance_embeds", "\"yes\"")]
    public void A_bad_diffusers_config_json_names_the_file_and_key(string json, string key, string value)
    {
        var path = Path.Combine(Path.GetTempPath(), $"flux-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            using var file = SafetensorsFile.Open(Path.Combine(SharedPaths.Models, "flux-tiny-schnell", "flux.safetensors"));
            var shapes = file.Tensors.Select(t => KeyValuePair.Create(t.Name, (IReadOnlyList<long>)t.Shape.ToArray())).ToList();
            var preset = FluxConfig.FluxDev with { AxesDim = [8, 12, 12] };
            var e = Assert.Throws<InvalidFluxConfigException>(() => DiffusersTransformerConfigJson.Read(path, shapes, preset));
            Assert.Equal((path, key, value), (e.FilePath, e.Parameter, e.Value));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
