using FluxOnnx.Graphs.Models.TextEncoders;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.T5;

/// <summary>
/// Hyper-parameters of a T5 v1.1 encoder stack (HF <c>T5EncoderModel</c>): gated-GELU (tanh) feed-forward, RMS
/// layer norm, bias-free projections, relative position bias owned by block 0 and shared by all blocks.
/// Property names are transformers' <c>T5Config</c> keys. Call <see cref="Validate"/> (the graph does) after a
/// <c>with</c> expression.
/// </summary>
public sealed record T5EncoderConfig
{
    /// <summary>
    /// google/t5-v1_1-xxl <c>config.json</c> (also FLUX.1's <c>text_encoder_2/config.json</c>): vocab_size 32128,
    /// d_model 4096, d_kv 64, d_ff 10240, num_heads 64, num_layers 24, relative_attention_num_buckets 32,
    /// layer_norm_epsilon 1e-6, feed_forward_proj "gated-gelu". relative_attention_max_distance is not in that file:
    /// 128 is <c>T5Config</c>'s default (transformers <c>configuration_t5.py</c>).
    /// </summary>
    public static T5EncoderConfig T5V11Xxl { get; } = new()
    {
        VocabSize = 32128,
        DModel = 4096,
        DKv = 64,
        DFf = 10240,
        NumHeads = 64,
        NumLayers = 24,
        RelativeAttentionNumBuckets = 32,
        RelativeAttentionMaxDistance = 128,
        LayerNormEpsilon = 1e-6f,
    };

    /// <summary><c>vocab_size</c>: rows of the token embedding.</summary>
    public required int VocabSize { get; init; }

    /// <summary><c>d_model</c>: width of the residual stream.</summary>
    public required int DModel { get; init; }

    /// <summary><c>d_kv</c>: width of one attention head.</summary>
    public required int DKv { get; init; }

    /// <summary><c>d_ff</c>: width of each feed-forward branch (wi_0 and wi_1).</summary>
    public required int DFf { get; init; }

    /// <summary><c>num_heads</c>.</summary>
    public required int NumHeads { get; init; }

    /// <summary><c>num_layers</c>: encoder blocks.</summary>
    public required int NumLayers { get; init; }

    /// <summary><c>relative_attention_num_buckets</c>: half for keys before the query, half for keys after it.</summary>
    public required int RelativeAttentionNumBuckets { get; init; }

    /// <summary><c>relative_attention_max_distance</c>: distances from here on share the last bucket.</summary>
    public required int RelativeAttentionMaxDistance { get; init; }

    /// <summary><c>layer_norm_epsilon</c> of every T5LayerNorm.</summary>
    public required float LayerNormEpsilon { get; init; }

    /// <summary>num_heads·d_kv: the width of q, k, v (transformers' <c>inner_dim</c>; equals d_model for v1.1 XXL).</summary>
    public int InnerDim => NumHeads * DKv;

    /// <summary>Throws <see cref="ModelConfigException"/> (naming the config.json key) unless every size is positive and the bucket scheme is well formed.</summary>
    public T5EncoderConfig Validate()
    {
        Positive(VocabSize, "vocab_size");
        Positive(DModel, "d_model");
        Positive(DKv, "d_kv");
        Positive(DFf, "d_ff");
        Positive(NumHeads, "num_heads");
        Positive(NumLayers, "num_layers");
        // Bidirectional bucketing halves the buckets, then uses half of each half for exact distances
        // (max_exact = buckets / 4) and log-spaced ones up to max_distance for the rest.
        if (RelativeAttentionNumBuckets < 4 || RelativeAttentionNumBuckets % 4 != 0)
        {
            throw Invalid("relative_attention_num_buckets", "a positive multiple of 4", RelativeAttentionNumBuckets);
        }
        if (RelativeAttentionMaxDistance <= RelativeAttentionNumBuckets / 4)
        {
            throw Invalid("relative_attention_max_distance", $"more than the exact range {RelativeAttentionNumBuckets / 4}", RelativeAttentionMaxDistance);
        }
        if (!(LayerNormEpsilon > 0))
        {
            throw Invalid("layer_norm_epsilon", "a positive number", LayerNormEpsilon);
        }
        return this;
    }

    /// <summary>
    /// The config of a checkpoint that has no <c>config.json</c> (ComfyUI's <c>t5xxl_fp16.safetensors</c>), read
    /// from its shapes under reference names: vocab and d_model from the embedding, num_layers from the block
    /// indices, d_ff from wi_0, buckets and heads from block 0's relative_attention_bias [buckets, heads], d_kv
    /// from q. The max distance and epsilon are not stored anywhere and come from <paramref name="preset"/>.
    /// </summary>
    public static T5EncoderConfig FromCheckpoint(IWeightSource weights, T5EncoderConfig preset)
    {
        string embedding = weights.ShapeOf(T5EncoderGraph.EmbeddingWeight) is null && weights.ShapeOf(T5EncoderGraph.EncoderEmbeddingWeight) is not null
            ? T5EncoderGraph.EncoderEmbeddingWeight
            : T5EncoderGraph.EmbeddingWeight;
        const string bias = "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"; // [buckets, heads]
        int numHeads = CheckpointShapes.Dim(weights, bias, 1);
        int innerDim = CheckpointShapes.Dim(weights, "encoder.block.0.layer.0.SelfAttention.q.weight", 0); // [inner, d_model]
        return (preset with
        {
            VocabSize = CheckpointShapes.Dim(weights, embedding, 0),
            DModel = CheckpointShapes.Dim(weights, embedding, 1),
            NumHeads = numHeads,
            DKv = innerDim / numHeads,
            DFf = CheckpointShapes.Dim(weights, "encoder.block.0.layer.1.DenseReluDense.wi_0.weight", 0),
            NumLayers = CheckpointShapes.CountIndexed(weights, "encoder.block."),
            RelativeAttentionNumBuckets = CheckpointShapes.Dim(weights, bias, 0),
        }).Validate();
    }

    private static void Positive(int value, string key) => ConfigInvariant.Positive(nameof(T5EncoderConfig), key, value);

    private static ModelConfigException Invalid(string key, string expected, IFormattable actual) =>
        ConfigInvariant.Broken(nameof(T5EncoderConfig), key, expected, actual);
}
