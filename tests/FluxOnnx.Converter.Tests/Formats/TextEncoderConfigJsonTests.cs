using FluxOnnx.Converter.Formats;
using FluxOnnx.Graphs.Models;
using FluxOnnx.Graphs.Models.Clip;
using FluxOnnx.Graphs.Models.T5;
using FluxOnnx.Graphs.Models.TextEncoders;
using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Converter.Tests.Formats;

/// <summary>The HF T5 and CLIP config.json readers: the fixture files, a full CLIPModel config, and unusable files.</summary>
public sealed class TextEncoderConfigJsonTests : IDisposable
{
    private static readonly string T5ConfigPath = Path.Combine(SharedPaths.Models, "t5", "config.json");
    private static readonly string ClipConfigPath = Path.Combine(SharedPaths.Models, "clip", "config.json");

    private readonly string _folder = Directory.CreateTempSubdirectory("fluxonnx-textenc-config-").FullName;

    [Fact]
    public void The_fixture_config_files_are_read()
    {
        var t5 = HfT5ConfigJson.Read(T5ConfigPath);
        Assert.Equal(T5EncoderConfig.T5V11Xxl with { DModel = 64, DKv = 16, DFf = 128, NumHeads = 4, NumLayers = 2 }, t5);

        // The fixture keeps the legacy eos_token_id 2 of OpenAI's configs: read as 49407, the argmax rule.
        var clip = HfClipConfigJson.Read(ClipConfigPath);
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

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string json)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, json);
        return path;
    }
}
