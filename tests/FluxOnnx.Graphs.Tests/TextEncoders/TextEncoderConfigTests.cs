using FluxOnnx.Graphs.Models;
using FluxOnnx.Graphs.Models.Clip;
using FluxOnnx.Graphs.Models.T5;
using FluxOnnx.Graphs.Models.TextEncoders;
using FluxOnnx.Graphs.Weights;
using Xunit;
using FluxOnnx.Converter.Formats;

namespace FluxOnnx.Graphs.Tests.TextEncoders;

/// <summary>Presets, derivation from checkpoint shapes, and the invariants (the HF config.json readers are the
/// converter's: TextEncoderConfigJsonTests).</summary>
[Collection(TextEncoderCollection.Name)]
public sealed class TextEncoderConfigTests(TextEncoderFixture fixture)
{
    [Fact]
    public void The_presets_are_valid_and_hold_the_reference_sizes()
    {
        var t5 = T5EncoderConfig.T5V11Xxl.Validate();
        Assert.Equal((32128, 4096, 64, 10240, 64, 24), (t5.VocabSize, t5.DModel, t5.DKv, t5.DFf, t5.NumHeads, t5.NumLayers));
        Assert.Equal((32, 128, 1e-6f), (t5.RelativeAttentionNumBuckets, t5.RelativeAttentionMaxDistance, t5.LayerNormEpsilon));
        Assert.Equal(4096, t5.InnerDim);

        var clip = ClipTextConfig.ClipVitLargePatch14.Validate();
        Assert.Equal((49408, 768, 3072, 12, 12, 77), (clip.VocabSize, clip.HiddenSize, clip.IntermediateSize,
            clip.NumAttentionHeads, clip.NumHiddenLayers, clip.MaxPositionEmbeddings));
        Assert.Equal((1e-5f, ClipActivation.QuickGelu, 49407, 64), (clip.LayerNormEps, clip.HiddenAct, clip.EosTokenId, clip.HeadDim));
    }

    [Fact]
    public void Shapes_of_the_fixture_checkpoints_give_the_same_configs_as_their_config_files()
    {
        // T5: even the head count is in the shapes (relative_attention_bias is [buckets, heads]).
        var t5 = T5EncoderConfig.FromCheckpoint(fixture.T5Weights(), T5EncoderConfig.T5V11Xxl);
        Assert.Equal(HfT5ConfigJson.Read(TextEncoderFixture.T5ConfigPath), t5);

        // CLIP: heads are not in any shape, so they come from the preset.
        var preset = ClipTextConfig.ClipVitLargePatch14 with { NumAttentionHeads = 2 };
        var clip = ClipTextConfig.FromCheckpoint(fixture.ClipWeights(), preset);
        Assert.Equal(HfClipConfigJson.Read(TextEncoderFixture.ClipConfigPath), clip);
    }

    [Fact]
    public void T5_shapes_are_read_from_the_embedding_alias_when_shared_weight_is_absent()
    {
        var weightsWithAlias = new EditedWeightSource(new FluxOnnx.Converter.Checkpoints.SafetensorsWeightSource(fixture.T5));
        weightsWithAlias.Hide(T5EncoderGraph.EmbeddingWeight);

        var config = T5EncoderConfig.FromCheckpoint(weightsWithAlias, T5EncoderConfig.T5V11Xxl);

        Assert.Equal((32128, 64), (config.VocabSize, config.DModel));
    }

    [Fact]
    public void Deriving_from_a_checkpoint_without_the_tensors_it_needs_names_them()
    {
        var weights = new EditedWeightSource(fixture.ClipWeights());
        weights.Hide("text_model.embeddings.position_embedding.");

        var e = Assert.Throws<WeightMismatchException>(() => ClipTextConfig.FromCheckpoint(weights, ClipTextConfig.ClipVitLargePatch14));

        Assert.Equal(["text_model.embeddings.position_embedding.weight"], e.Missing);
    }

    [Fact]
    public void Invariants_are_checked()
    {
        Assert.Throws<ModelConfigException>(() => (ClipTextConfig.ClipVitLargePatch14 with { NumAttentionHeads = 7 }).Validate());
        Assert.Throws<ModelConfigException>(() => (ClipTextConfig.ClipVitLargePatch14 with { EosTokenId = 2 }).Validate());
        Assert.Throws<ModelConfigException>(() => (T5EncoderConfig.T5V11Xxl with { RelativeAttentionNumBuckets = 30 }).Validate());
        Assert.Throws<ModelConfigException>(() => (T5EncoderConfig.T5V11Xxl with { RelativeAttentionMaxDistance = 8 }).Validate());
        Assert.Throws<ModelConfigException>(() => (T5EncoderConfig.T5V11Xxl with { NumLayers = 0 }).Validate());
        Assert.Throws<ModelConfigException>(() => (T5EncoderConfig.T5V11Xxl with { LayerNormEpsilon = 0 }).Validate());
    }
}
