using FluxOnnx.TestSupport;
using FluxOnnx.Converter.Checkpoints;
using Xunit;

namespace FluxOnnx.Converter.Tests.Formats;

/// <summary>diffusers transformer folders (single file and sharded) presented under BFL names.</summary>
public sealed class DiffusersTransformerRecipeTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Every_reference_tensor_is_bit_identical_to_the_bfl_original(bool fill, bool sharded)
    {
        var bfl = RawTensor.Load(fill ? FixtureRelayout.Fill : FixtureRelayout.Schnell);
        using var dir = new TempDirectory();
        var diffusers = FixtureRelayout.ToDiffusersTransformer(bfl);
        if (sharded)
        {
            FixtureRelayout.SaveSharded(dir.Path, "diffusion_pytorch_model", diffusers);
        }
        else
        {
            RawTensor.Save(dir.File("diffusion_pytorch_model.safetensors"), diffusers);
        }
        FixtureRelayout.WriteDiffusersConfig(dir.Path, "FluxTransformer2DModel");

        using var checkpoint = Checkpoint.Open(dir.Path);
        var weights = checkpoint.OpenComponent(ComponentKind.Transformer);

        RecipeAssert.SameAsReference(bfl, weights);
        Assert.Equal("diffusers", weights.FormatName);
        Assert.Equal(dir.File("config.json"), weights.ConfigPath);
        Assert.Equal(fill, weights.Shapes.ContainsKey("guidance_in.in_layer.weight"));
        Assert.Equal([384L, 128], weights.Shapes["double_blocks.1.img_attn.qkv.weight"]);
        Assert.Equal([896L, 128], weights.Shapes["single_blocks.1.linear1.weight"]);
        Assert.Equal(fill ? [128L, 384] : [128L, 64], weights.Shapes["img_in.weight"]);
    }

    [Fact]
    public void The_final_modulation_halves_are_swapped_not_only_renamed()
    {
        var bfl = RawTensor.Load(FixtureRelayout.Schnell);
        using var dir = new TempDirectory();
        RawTensor.Save(dir.File("diffusion_pytorch_model.safetensors"), FixtureRelayout.ToDiffusersTransformer(bfl));
        using var checkpoint = Checkpoint.Open(dir.Path);
        var weights = checkpoint.OpenComponent(ComponentKind.Transformer);

        float[] stored = RawTensor.Load(dir.File("diffusion_pytorch_model.safetensors")).Single(t => t.Name == "norm_out.linear.bias").ToFloats();
        float[] offered = RecipeAssert.Floats(RecipeAssert.Written(weights, "final_layer.adaLN_modulation.1.bias"));
        // diffusers stores (scale, shift); BFL's first half is shift, i.e. diffusers' second half.
        Assert.Equal(stored[128..], offered[..128]);
        Assert.Equal(stored[..128], offered[128..]);
        Assert.NotEqual(stored, offered);
    }
}
