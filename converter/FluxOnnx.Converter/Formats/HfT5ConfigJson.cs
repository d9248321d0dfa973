using FluxOnnx.Graphs.Models.T5;
using FluxOnnx.Graphs.Models.TextEncoders;

namespace FluxOnnx.Converter.Formats;

/// <summary>An HF T5 encoder folder's <c>config.json</c> as a <see cref="T5EncoderConfig"/>.</summary>
public static class HfT5ConfigJson
{
    /// <summary>
    /// Reads an HF T5 <c>config.json</c>; absent keys take <c>T5Config</c>'s defaults. Only the v1.1 gated-GELU
    /// feed-forward is implemented: any other <c>feed_forward_proj</c> is a <see cref="TextEncoderConfigException"/>.
    /// </summary>
    public static T5EncoderConfig Read(string path)
    {
        var json = HfConfigJson.Load(path);
        // transformers configuration_t5.py defaults feed_forward_proj to "relu"; "gated-gelu" selects gelu_new.
        string feedForward = json.String("feed_forward_proj", "relu");
        if (feedForward != "gated-gelu")
        {
            throw json.Unsupported("feed_forward_proj", feedForward, "\"gated-gelu\" (T5 v1.1)");
        }
        // Defaults from transformers configuration_t5.py T5Config.__init__.
        return json.Validated(new T5EncoderConfig
        {
            VocabSize = json.Int("vocab_size", 32128),
            DModel = json.Int("d_model", 512),
            DKv = json.Int("d_kv", 64),
            DFf = json.Int("d_ff", 2048),
            NumHeads = json.Int("num_heads", 8),
            NumLayers = json.Int("num_layers", 6),
            RelativeAttentionNumBuckets = json.Int("relative_attention_num_buckets", 32),
            RelativeAttentionMaxDistance = json.Int("relative_attention_max_distance", 128),
            LayerNormEpsilon = json.Float("layer_norm_epsilon", 1e-6f),
        }.Validate);
    }
}
