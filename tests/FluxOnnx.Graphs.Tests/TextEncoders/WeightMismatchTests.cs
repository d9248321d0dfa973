using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.Clip;
using FluxOnnx.Graphs.Models.T5;
using FluxOnnx.Graphs.Models.TextEncoders;
using FluxOnnx.Graphs.Weights;
using Xunit;
using FluxOnnx.Converter.Formats;

namespace FluxOnnx.Graphs.Tests.TextEncoders;

/// <summary>
/// A checkpoint that does not fit the config is reported after building, by name: missing, unused and mis-shaped
/// weights all at once, as a <see cref="WeightMismatchException"/>.
/// </summary>
[Collection(TextEncoderCollection.Name)]
public sealed class WeightMismatchTests(TextEncoderFixture fixture)
{
    private static readonly T5EncoderConfig T5Config = HfT5ConfigJson.Read(TextEncoderFixture.T5ConfigPath);
    private static readonly ClipTextConfig ClipConfig = HfClipConfigJson.Read(TextEncoderFixture.ClipConfigPath);

    [Fact]
    public void The_complete_fixtures_build_without_complaint()
    {
        BuildT5(fixture.T5Weights(), T5Config);
        BuildClip(fixture.ClipWeights(), ClipConfig);
    }

    [Fact]
    public void A_renamed_T5_projection_is_missing_under_its_reference_name_and_unused_under_the_new_one()
    {
        const string name = "encoder.block.1.layer.0.SelfAttention.q.weight";
        var weights = new EditedWeightSource(fixture.T5Weights()).Rename(name, "encoder.block.1.layer.0.SelfAttention.query.weight");

        var e = Assert.Throws<WeightMismatchException>(() => BuildT5(weights, T5Config));

        Assert.Equal([name], e.Missing);
        Assert.Equal(["encoder.block.1.layer.0.SelfAttention.query.weight"], e.Unused);
        Assert.Empty(e.ShapeMismatches);
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void A_missing_CLIP_layer_lists_every_weight_of_that_layer()
    {
        var weights = new EditedWeightSource(fixture.ClipWeights());
        var hidden = weights.Hide("text_model.encoder.layers.1.");

        var e = Assert.Throws<WeightMismatchException>(() => BuildClip(weights, ClipConfig));

        Assert.Equal(16, hidden.Count); // 2 norms × (weight, bias) + 4 attention and 2 MLP projections × (weight, bias)
        Assert.Equal(hidden, e.Missing.Order(StringComparer.Ordinal));
        Assert.Empty(e.Unused);
        Assert.Empty(e.ShapeMismatches);
    }

    [Fact]
    public void A_missing_T5_block_lists_every_weight_of_that_block()
    {
        var weights = new EditedWeightSource(fixture.T5Weights());
        var hidden = weights.Hide("encoder.block.1.");

        var e = Assert.Throws<WeightMismatchException>(() => BuildT5(weights, T5Config));

        Assert.Equal(9, hidden.Count); // 2 layer norms, q k v o, wi_0 wi_1 wo (the position-bias table is block 0's)
        Assert.Equal(hidden, e.Missing.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_wrongly_shaped_weight_names_both_shapes()
    {
        const string name = "text_model.encoder.layers.0.mlp.fc1.weight";
        var weights = new EditedWeightSource(fixture.ClipWeights()).Reshape(name, 65, 32);

        var e = Assert.Throws<WeightMismatchException>(() => BuildClip(weights, ClipConfig));

        var mismatch = Assert.Single(e.ShapeMismatches);
        Assert.Equal(name, mismatch.Name);
        Assert.Equal([64L, 32L], mismatch.Expected);
        Assert.Equal([65L, 32L], mismatch.Actual);
        Assert.Empty(e.Missing);
        Assert.Empty(e.Unused);
    }

    [Fact]
    public void A_config_with_other_head_count_mismatches_the_T5_position_bias_table()
    {
        var e = Assert.Throws<WeightMismatchException>(() => BuildT5(fixture.T5Weights(), T5Config with { NumHeads = 8, DKv = 8 }));

        var mismatch = Assert.Single(e.ShapeMismatches);
        Assert.Equal("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight", mismatch.Name);
        Assert.Equal([32L, 8L], mismatch.Expected);
        Assert.Equal([32L, 4L], mismatch.Actual);
    }

    [Fact]
    public void The_T5_embedding_is_read_as_shared_weight_so_its_alias_must_be_mapped_by_the_recipe()
    {
        var raw = new FluxOnnx.Converter.Checkpoints.SafetensorsWeightSource(fixture.T5);

        var both = Assert.Throws<WeightMismatchException>(() => BuildT5(raw, T5Config));
        Assert.Equal([T5EncoderGraph.EncoderEmbeddingWeight], both.Unused);
        Assert.Empty(both.Missing);

        var aliasOnly = new EditedWeightSource(raw);
        aliasOnly.Hide(T5EncoderGraph.EmbeddingWeight);
        var e = Assert.Throws<WeightMismatchException>(() => BuildT5(aliasOnly, T5Config));
        Assert.Equal([T5EncoderGraph.EmbeddingWeight], e.Missing);
        Assert.Equal([T5EncoderGraph.EncoderEmbeddingWeight], e.Unused);
    }

    private static void BuildT5(IWeightSource weights, T5EncoderConfig config)
    {
        var g = new GraphBuilder();
        var registry = new WeightRegistry(g, weights);
        T5EncoderGraph.Build(g, registry.Root, config, 256, TextEncoderGraphOptions.Default);
        registry.EnsureComplete();
    }

    private static void BuildClip(IWeightSource weights, ClipTextConfig config)
    {
        var g = new GraphBuilder();
        var registry = new WeightRegistry(g, weights);
        ClipTextGraph.Build(g, registry.Root, config, TextEncoderGraphOptions.Default);
        registry.EnsureComplete();
    }
}
