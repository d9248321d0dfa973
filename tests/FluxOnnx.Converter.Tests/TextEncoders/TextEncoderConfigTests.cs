using FluxOnnx.Graphs.Models;
using FluxOnnx.Graphs.Models.Clip;
using FluxOnnx.Graphs.Models.T5;
using FluxOnnx.Graphs.Models.TextEncoders;
using FluxOnnx.Graphs.Weights;
using Xunit;
using FluxOnnx.Converter.Formats;

namespace FluxOnnx.Converter.Tests.TextEncoders;

/// <summary>Presets, config.json reading, derivation from checkpoint shapes, and the invariants.</summary>
[Collection(TextEncoderCollection.Name)]
public sealed class TextEncoderConfigTests(TextEncoderFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fluxonnx-textenc-config-").FullName;

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
    public void The_fixture_config_files_are_read()
    {
        var t5 = HfT5ConfigJson.Read(TextEncoderFixture.T5ConfigPath);
        Assert.Equal(T5EncoderConfig.T5V11Xxl with { DModel = 64, DKv = 16, DFf = 128, NumHeads = 4, NumLayers = 2 }, t5);

        // The fixture keeps the legacy eos_token_id 2 of OpenAI's configs: read as 49407, the argmax rule.
        var clip = HfClipConfigJson.Read(TextEncoderFixture.ClipConfigPath);
        Assert.Equal(ClipTextConfig.ClipVitLargePatch14 with
        {
            HiddenSize = 32, IntermediateSize = 64, NumAttentionHeads = 2, NumHiddenLayers = 2,
        }, clip);
    }

    [Fact]
    public void A_full_CLIPModel_config_is_read_from_its_text_config()
    {
        string path = Write("clip_model.json", """
            { "model_type": "clip", "projection_dim": 768,
              "text_config": { "hidden_size": 768, "intermediate_size": 3072, "num_attention_heads": 12,
                               "num_hidden_layers": 12, "eos_token_id": 2 },
              "vision_config": { "hidden_size": 1024 } }
            """);
        Assert.Equal(ClipTextConfig.ClipVitLargePatch14, HfClipConfigJson.Read(path));
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

    [Theory]
    [InlineData("""{ "feed_forward_proj": "relu" }""", "feed_forward_proj", "relu")]
    [InlineData("""{ "d_model": 512 }""", "feed_forward_proj", "relu")] // the T5Config default is ReLU
    [InlineData("""{ "feed_forward_proj": "gated-gelu", "d_model": "64" }""", "d_model", "64")]
    public void Unusable_T5_configs_name_the_key(string json, string key, string actual)
    {
        string path = Write("t5.json", json);
        var e = Assert.Throws<TextEncoderConfigException>(() => HfT5ConfigJson.Read(path));
        Assert.Equal((path, key), (e.FilePath, e.Key));
        Assert.Contains(actual, e.Actual);
    }

    [Theory]
    [InlineData("""{ "hidden_act": "gelu_new" }""", "hidden_act")]
    [InlineData("""{ "eos_token_id": 49406 }""", "eos_token_id")]
    [InlineData("""[1, 2]""", "")]
    public void Unusable_CLIP_configs_name_the_key(string json, string key)
    {
        string path = Write("clip.json", json);
        var e = Assert.Throws<TextEncoderConfigException>(() => HfClipConfigJson.Read(path));
        Assert.Equal((path, key), (e.FilePath, e.Key));
    }

    [Fact]
    public void A_malformed_config_json_names_the_file()
    {
        string path = Write("config.json", """{ "d_model": 64, """);
        var e = Assert.Throws<TextEncoderConfigException>(() => HfT5ConfigJson.Read(path));
        Assert.Equal((path, "", "a JSON object"), (e.FilePath, e.Key, e.Expected));
        Assert.StartsWith("unreadable (", e.Actual);
    }

    [Fact]
    public void A_config_json_breaking_an_invariant_names_the_file_and_key()
    {
        string path = Write("config.json", """{ "hidden_size": 512, "num_attention_heads": 7 }""");
        var e = Assert.Throws<TextEncoderConfigException>(() => HfClipConfigJson.Read(path));
        Assert.Equal((path, "num_attention_heads", "7", "a divisor of hidden_size 512"), (e.FilePath, e.Key, e.Actual, e.Expected));
        Assert.Equal($"{path}: 'num_attention_heads' is 7; expected a divisor of hidden_size 512.", e.Message);
        Assert.IsType<ModelConfigException>(e.InnerException);
    }

    [Fact]
    public void A_t5_config_json_with_too_few_buckets_names_the_key()
    {
        string path = Write("config.json", """{ "feed_forward_proj": "gated-gelu", "relative_attention_num_buckets": 30 }""");
        var e = Assert.Throws<TextEncoderConfigException>(() => HfT5ConfigJson.Read(path));
        Assert.Equal(("relative_attention_num_buckets", "30", "a positive multiple of 4"), (e.Key, e.Actual, e.Expected));
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

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string json)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, json);
        return path;
    }
}
