using FluxOnnx.TestSupport;
using FluxOnnx.Converter.Checkpoints;
using Xunit;

namespace FluxOnnx.Converter.Tests.Formats;

/// <summary>ComfyUI single files: the prefixed transformer, an all-in-one file, clip_l / t5xxl text encoder files.</summary>
public sealed class ComfyUiRecipeTests
{
    [Fact]
    public void An_all_in_one_file_offers_each_component_under_reference_names()
    {
        var flux = RawTensor.Load(FixtureRelayout.Schnell);
        var ae = RawTensor.Load(FixtureRelayout.Ae);
        var clip = RawTensor.Load(FixtureRelayout.Clip);
        var t5 = RawTensor.Load(FixtureRelayout.T5);
        using var dir = new TempDirectory();
        string file = dir.File("flux1-schnell-all-in-one.safetensors");
        RawTensor.Save(file, [
            .. flux.Select(t => t.Renamed("model.diffusion_model." + t.Name)),
            .. ae.Select(t => t.Renamed("vae." + t.Name)),
            .. clip.Select(t => t.Renamed("text_encoders.clip_l.transformer." + t.Name)),
            .. t5.Select(t => t.Renamed("text_encoders.t5xxl.transformer." + t.Name)),
        ]);

        using var checkpoint = Checkpoint.Open(file);

        Assert.Equal([ComponentKind.Transformer, ComponentKind.Autoencoder, ComponentKind.T5, ComponentKind.Clip],
            checkpoint.Layout.Components.Select(c => c.Kind));
        Assert.All(checkpoint.Layout.Components, c => Assert.Equal(CheckpointFormat.ComfyUi, c.Format));
        Assert.Equal("text_encoders.t5xxl.transformer.", checkpoint.Layout.Find(ComponentKind.T5)!.Prefix);
        RecipeAssert.SameAsReference(flux, checkpoint.OpenComponent(ComponentKind.Transformer));
        RecipeAssert.SameAsReference(ae, checkpoint.OpenComponent(ComponentKind.Autoencoder));
        RecipeAssert.SameAsReference(clip, checkpoint.OpenComponent(ComponentKind.Clip));
        RecipeAssert.SameAsReference([.. t5.Where(t => t.Name != "encoder.embed_tokens.weight")], checkpoint.OpenComponent(ComponentKind.T5));
        Assert.Equal("comfyui", checkpoint.OpenComponent(ComponentKind.Transformer).FormatName);
    }

    [Fact]
    public void A_transformer_only_file_with_the_diffusion_model_prefix_is_comfyui()
    {
        var flux = RawTensor.Load(FixtureRelayout.Fill);
        using var dir = new TempDirectory();
        string file = dir.File("flux1-fill.safetensors");
        RawTensor.Save(file, flux.Select(t => t.Renamed("model.diffusion_model." + t.Name)));

        using var checkpoint = Checkpoint.Open(file);
        var weights = checkpoint.OpenComponent(ComponentKind.Transformer);

        RecipeAssert.SameAsReference(flux, weights);
        Assert.Equal("model.diffusion_model.", weights.Location.Prefix);
        Assert.Null(weights.ConfigPath);
        var missing = Assert.Throws<MissingComponentException>(() => checkpoint.OpenComponent(ComponentKind.Autoencoder));
        Assert.Equal([ComponentKind.Transformer], missing.Available);
    }
}
