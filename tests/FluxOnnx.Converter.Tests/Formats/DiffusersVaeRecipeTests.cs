using FluxOnnx.TestSupport;
using FluxOnnx.Converter.Checkpoints;
using Xunit;

namespace FluxOnnx.Converter.Tests.Formats;

/// <summary>diffusers AutoencoderKL folders presented under BFL <c>ae</c> names.</summary>
public sealed class DiffusersVaeRecipeTests
{
    [Fact]
    public void Every_reference_tensor_is_bit_identical_to_the_bfl_autoencoder()
    {
        var bfl = RawTensor.Load(FixtureRelayout.Ae);
        using var dir = new TempDirectory();
        var diffusers = FixtureRelayout.ToDiffusersVae(bfl);
        RawTensor.Save(dir.File("diffusion_pytorch_model.safetensors"), diffusers);
        FixtureRelayout.WriteDiffusersConfig(dir.Path, "AutoencoderKL");

        using var checkpoint = Checkpoint.Open(dir.Path);
        var weights = checkpoint.OpenComponent(ComponentKind.Autoencoder);

        RecipeAssert.SameAsReference(bfl, weights);
        Assert.Equal(CheckpointFormat.Diffusers, weights.Format);
        Assert.Equal(KeyLayout.Diffusers, weights.Location.Layout);
        // The diffusers file really stored Linear attention weights and reversed up blocks.
        Assert.Equal([64L, 64], diffusers.Single(t => t.Name == "decoder.mid_block.attentions.0.to_q.weight").Shape);
        Assert.Equal([64L, 64, 1, 1], weights.ShapeOf("decoder.mid.attn_1.q.weight"));
        Assert.Equal(
            bfl.Single(t => t.Name == "decoder.up.0.block.0.conv1.weight").Bytes,
            diffusers.Single(t => t.Name == "decoder.up_blocks.3.resnets.0.conv1.weight").Bytes);
    }
}
