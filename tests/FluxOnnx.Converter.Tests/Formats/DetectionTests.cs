using System.Text.Json;
using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Converter.Tests.Safetensors;
using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Converter.Tests.Formats;

/// <summary>Which components and formats <see cref="CheckpointDetector"/> finds for each layout, and its errors.</summary>
public sealed class DetectionTests
{
    [Theory]
    [InlineData("flux-tiny-schnell/flux.safetensors", ComponentKind.Transformer, CheckpointFormat.Bfl, KeyLayout.Bfl)]
    [InlineData("flux-tiny-fill/flux.safetensors", ComponentKind.Transformer, CheckpointFormat.Bfl, KeyLayout.Bfl)]
    [InlineData("ae.safetensors", ComponentKind.Autoencoder, CheckpointFormat.Bfl, KeyLayout.Bfl)]
    [InlineData("t5", ComponentKind.T5, CheckpointFormat.Hf, KeyLayout.Hf)]
    [InlineData("clip", ComponentKind.Clip, CheckpointFormat.Hf, KeyLayout.Hf)]
    [InlineData("clip/model.safetensors", ComponentKind.Clip, CheckpointFormat.Hf, KeyLayout.Hf)]
    public void The_fixture_checkpoints_are_detected(string path, ComponentKind kind, CheckpointFormat format, KeyLayout layout)
    {
        var detected = CheckpointDetector.Detect(Path.Combine(SharedPaths.Models, path));

        var component = Assert.Single(detected.Components);
        Assert.Equal(kind, component.Kind);
        Assert.Equal(format, component.Format);
        Assert.Equal(layout, component.Layout);
        Assert.Equal("", component.Prefix);
        Assert.Equal(format == CheckpointFormat.Hf, component.ConfigPath is not null);
    }

    [Fact]
    public void The_bfl_file_is_offered_as_stored()
    {
        using var checkpoint = Checkpoint.Open(FixtureRelayout.Schnell);
        var weights = checkpoint.OpenComponent(ComponentKind.Transformer);

        RecipeAssert.SameAsReference(RawTensor.Load(FixtureRelayout.Schnell), weights);
        Assert.Equal("bfl", weights.FormatName);
        // Bfloat16 stays bit-identical when asked for in its own type.
        var stored = RawTensor.Load(FixtureRelayout.Schnell).Single(t => t.Name == "txt_in.weight");
        Assert.Equal(stored.Bytes, RecipeAssert.Written(weights, "txt_in.weight", ElementType.BFloat16));
    }

    [Fact]
    public void A_diffusers_pipeline_folder_yields_four_components_from_their_subfolders()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("model_index.json"), JsonSerializer.Serialize(new { _class_name = "FluxPipeline" }));
        string transformer = Directory.CreateDirectory(dir.File("transformer")).FullName;
        FixtureRelayout.SaveSharded(transformer, "diffusion_pytorch_model", FixtureRelayout.ToDiffusersTransformer(RawTensor.Load(FixtureRelayout.Schnell)));
        FixtureRelayout.WriteDiffusersConfig(transformer, "FluxTransformer2DModel");
        string vae = Directory.CreateDirectory(dir.File("vae")).FullName;
        RawTensor.Save(Path.Combine(vae, "diffusion_pytorch_model.safetensors"), FixtureRelayout.ToDiffusersVae(RawTensor.Load(FixtureRelayout.Ae)));
        string clip = Directory.CreateDirectory(dir.File("text_encoder")).FullName;
        File.Copy(FixtureRelayout.Clip, Path.Combine(clip, "model.safetensors"));
        string t5 = Directory.CreateDirectory(dir.File("text_encoder_2")).FullName;
        File.Copy(FixtureRelayout.T5, Path.Combine(t5, "model.safetensors"));

        var detected = CheckpointDetector.Detect(dir.Path);

        Assert.Equal([ComponentKind.Transformer, ComponentKind.Autoencoder, ComponentKind.T5, ComponentKind.Clip], detected.Components.Select(c => c.Kind));
        Assert.All(detected.Components, c => Assert.Equal(CheckpointFormat.Diffusers, c.Format));
        Assert.EndsWith("diffusion_pytorch_model.safetensors.index.json", detected.Find(ComponentKind.Transformer)!.TensorsPath);
        Assert.Equal(Path.Combine(transformer, "config.json"), detected.Find(ComponentKind.Transformer)!.ConfigPath);
        Assert.Equal(KeyLayout.Hf, detected.Find(ComponentKind.T5)!.Layout);
        Assert.Equal(KeyLayout.Diffusers, detected.Find(ComponentKind.Autoencoder)!.Layout);
    }

    [Fact]
    public void A_file_with_unknown_keys_lists_some_keys_and_the_expected_layouts()
    {
        using var dir = new TempDirectory();
        string file = dir.File("mystery.safetensors");
        RawTensor.Save(file, [RawTensor.Floats("lm_head.weight", [2], [1, 2]), RawTensor.Floats("model.layers.0.mlp.up_proj.weight", [2], [1, 2])]);

        var error = Assert.Throws<UnknownCheckpointLayoutException>(() => CheckpointDetector.Detect(file));

        Assert.Equal(file, error.FilePath);
        Assert.Equal(["lm_head.weight", "model.layers.0.mlp.up_proj.weight"], error.SampleKeys);
        Assert.Contains(error.Expected, e => e.Contains("double_blocks.0.img_attn.qkv.weight", StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_without_weights_is_an_unknown_layout_listing_its_entries()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("config.json"), "{}");

        var error = Assert.Throws<UnknownCheckpointLayoutException>(() => CheckpointDetector.Detect(dir.Path));

        Assert.Equal(["config.json"], error.SampleKeys);
    }

    [Fact]
    public void A_prefix_holding_the_wrong_model_is_an_unknown_layout()
    {
        using var dir = new TempDirectory();
        string file = dir.File("odd.safetensors");
        RawTensor.Save(file, RawTensor.Load(FixtureRelayout.Clip).Select(t => t.Renamed("model.diffusion_model." + t.Name)));

        var error = Assert.Throws<UnknownCheckpointLayoutException>(() => CheckpointDetector.Detect(file));

        Assert.All(error.SampleKeys, k => Assert.StartsWith("model.diffusion_model.text_model.", k));
    }

    [Fact]
    public void A_truncated_file_is_a_format_error_naming_the_file()
    {
        using var dir = new TempDirectory();
        string file = dir.File("truncated.safetensors");
        byte[] bytes = File.ReadAllBytes(FixtureRelayout.Schnell);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<SafetensorsFormatException>(() => CheckpointDetector.Detect(file));

        Assert.Equal(file, error.FilePath);
    }

    [Fact]
    public void A_missing_path_is_file_not_found()
    {
        Assert.Throws<FileNotFoundException>(() => CheckpointDetector.Detect("/nonexistent/flux.safetensors"));
    }
}
