using FluxOnnx.Converter.Formats;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Converter.Tests.Formats;

/// <summary>The FLUX transformer's config files: BFL's params JSON and the diffusers config.json.</summary>
public sealed class FluxConfigFileTests
{
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
