using FluxOnnx.TestSupport;
using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Converter.Numerics;
using Xunit;

namespace FluxOnnx.Converter.Tests.Formats;

/// <summary>T5 and CLIP as HF folders and ComfyUI single files: the embedding alias rule and CLIP's tolerated extras.</summary>
public sealed class TextEncoderRecipeTests
{
    private const string Shared = "shared.weight";
    private const string EmbedTokens = "encoder.embed_tokens.weight";

    [Fact]
    public void The_hf_t5_folder_offers_shared_weight_once_and_consumes_the_identical_embed_tokens()
    {
        var t5 = RawTensor.Load(FixtureRelayout.T5);
        Assert.Contains(t5, t => t.Name == EmbedTokens);

        using var checkpoint = Checkpoint.Open(Path.GetDirectoryName(FixtureRelayout.T5)!);
        var weights = checkpoint.OpenComponent(ComponentKind.T5);

        Assert.Equal(CheckpointFormat.Hf, weights.Format);
        Assert.EndsWith("config.json", weights.ConfigPath);
        Assert.DoesNotContain(EmbedTokens, weights.Names);
        RecipeAssert.SameAsReference([.. t5.Where(t => t.Name != EmbedTokens)], weights);
    }

    [Fact]
    public void A_comfyui_t5_file_with_only_embed_tokens_offers_it_as_shared_weight()
    {
        var t5 = RawTensor.Load(FixtureRelayout.T5);
        using var dir = new TempDirectory();
        string file = dir.File("t5xxl_fp16.safetensors");
        RawTensor.Save(file, t5.Where(t => t.Name != Shared));

        using var checkpoint = Checkpoint.Open(file);
        var weights = checkpoint.OpenComponent(ComponentKind.T5);

        Assert.Equal(CheckpointFormat.ComfyUi, weights.Format);
        Assert.Null(weights.ConfigPath);
        RecipeAssert.SameAsReference([.. t5.Where(t => t.Name != EmbedTokens)], weights);
    }

    [Fact]
    public void Differing_aliases_fail_when_written_naming_both_tensors_and_the_element()
    {
        var t5 = RawTensor.Load(FixtureRelayout.T5);
        var embed = t5.Single(t => t.Name == EmbedTokens);
        byte[] changed = [.. embed.Bytes];
        changed[2 * 1000] ^= 0x01; // element 1000, low mantissa bit of the fp16 value
        using var dir = new TempDirectory();
        string file = dir.File("t5xxl_fp16.safetensors");
        RawTensor.Save(file, t5.Select(t => t.Name == EmbedTokens ? t with { Bytes = changed } : t));

        using var checkpoint = Checkpoint.Open(file);
        var weights = checkpoint.OpenComponent(ComponentKind.T5);
        var error = Assert.Throws<AliasMismatchException>(() => RecipeAssert.Written(weights, Shared));

        Assert.Equal(Shared, error.TensorName);
        Assert.Equal(EmbedTokens, error.AliasName);
        Assert.Equal(1000, error.ElementIndex);
    }

    [Fact]
    public void Aliases_of_different_shapes_fail_on_open()
    {
        var t5 = RawTensor.Load(FixtureRelayout.T5);
        using var dir = new TempDirectory();
        string file = dir.File("t5.safetensors");
        RawTensor.Save(file, t5.Select(t => t.Name == EmbedTokens ? t.SliceRows(EmbedTokens, 0, 32000) : t));

        using var checkpoint = Checkpoint.Open(file);
        var error = Assert.Throws<RecipeShapeException>(() => checkpoint.OpenComponent(ComponentKind.T5));

        Assert.Equal(Shared, error.ReferenceName);
        Assert.Equal(EmbedTokens, error.TensorName);
        Assert.Equal("[32000, 64]", error.Actual);
    }

    [Fact]
    public void A_comfyui_clip_l_file_tolerates_the_listed_extras_and_reports_nothing_else()
    {
        var clip = RawTensor.Load(FixtureRelayout.Clip);
        using var dir = new TempDirectory();
        string file = dir.File("clip_l.safetensors");
        RawTensor.Save(file, [
            .. clip,
            RawTensor.Floats("text_projection.weight", [32, 32], new float[32 * 32]),
            RawTensor.Floats("logit_scale", [], [4.6052f]),
            new RawTensor("text_model.embeddings.position_ids", ElementType.Int64, [1, 77], new byte[77 * 8]),
        ]);

        using var checkpoint = Checkpoint.Open(file);
        var weights = checkpoint.OpenComponent(ComponentKind.Clip);

        Assert.Equal(CheckpointFormat.ComfyUi, weights.Format);
        RecipeAssert.SameAsReference(clip, weights);
        Assert.Equal(["logit_scale", "text_model.embeddings.position_ids", "text_projection.weight"], weights.NotPartOfGraph.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unlisted_clip_extra_is_offered_so_the_graph_reports_it_unused()
    {
        var clip = RawTensor.Load(FixtureRelayout.Clip);
        using var dir = new TempDirectory();
        string file = dir.File("clip_l.safetensors");
        RawTensor.Save(file, [.. clip, RawTensor.Floats("vision_model.post_layernorm.weight", [4], [1, 1, 1, 1])]);

        using var checkpoint = Checkpoint.Open(file);
        var weights = checkpoint.OpenComponent(ComponentKind.Clip);

        Assert.Contains("vision_model.post_layernorm.weight", weights.Names);
        Assert.Empty(weights.NotPartOfGraph);
    }
}
