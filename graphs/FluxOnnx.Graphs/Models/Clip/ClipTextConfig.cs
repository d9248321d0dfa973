using FluxOnnx.Graphs.Models.TextEncoders;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.Clip;

/// <summary>
/// Hyper-parameters of a CLIP text encoder (transformers <c>CLIPTextModel</c>, no text projection). Property names
/// are <c>CLIPTextConfig</c>'s keys. Call <see cref="Validate"/> (the graph does) after a <c>with</c> expression.
/// </summary>
public sealed record ClipTextConfig
{
    /// <summary>
    /// openai/clip-vit-large-patch14 <c>config.json</c> <c>text_config</c> (also FLUX.1's
    /// <c>text_encoder/config.json</c>): vocab_size 49408, hidden_size 768, intermediate_size 3072,
    /// num_attention_heads 12, num_hidden_layers 12, max_position_embeddings 77, layer_norm_eps 1e-5,
    /// hidden_act "quick_gelu"; <c>&lt;|endoftext|&gt;</c> is 49407 (that config's eos_token_id 2 is the legacy value).
    /// </summary>
    public static ClipTextConfig ClipVitLargePatch14 { get; } = new()
    {
        VocabSize = 49408,
        HiddenSize = 768,
        IntermediateSize = 3072,
        NumAttentionHeads = 12,
        NumHiddenLayers = 12,
        MaxPositionEmbeddings = 77,
        LayerNormEps = 1e-5f,
        HiddenAct = ClipActivation.QuickGelu,
        EosTokenId = 49407,
    };

    /// <summary><c>vocab_size</c>: rows of the token embedding.</summary>
    public required int VocabSize { get; init; }

    /// <summary><c>hidden_size</c>: width of the residual stream.</summary>
    public required int HiddenSize { get; init; }

    /// <summary><c>intermediate_size</c>: width of the MLP (fc1's output).</summary>
    public required int IntermediateSize { get; init; }

    /// <summary><c>num_attention_heads</c>.</summary>
    public required int NumAttentionHeads { get; init; }

    /// <summary><c>num_hidden_layers</c>: encoder layers.</summary>
    public required int NumHiddenLayers { get; init; }

    /// <summary><c>max_position_embeddings</c>: the token count; the graph's input length is exactly this (77).</summary>
    public required int MaxPositionEmbeddings { get; init; }

    /// <summary><c>layer_norm_eps</c> of every LayerNorm.</summary>
    public required float LayerNormEps { get; init; }

    /// <summary><c>hidden_act</c>.</summary>
    public required ClipActivation HiddenAct { get; init; }

    /// <summary>
    /// The <c>&lt;|endoftext|&gt;</c> id whose first occurrence gives the pooled output. It must be the largest id
    /// (vocab_size - 1) so that the first EOS is the argmax of the ids, which is how the reference pools.
    /// </summary>
    public required int EosTokenId { get; init; }

    /// <summary>hidden_size / num_attention_heads.</summary>
    public int HeadDim => HiddenSize / NumAttentionHeads;

    /// <summary>Throws <see cref="ModelConfigException"/> (naming the config.json key) unless sizes are positive, heads divide the width and EOS is the largest id.</summary>
    public ClipTextConfig Validate()
    {
        Positive(VocabSize, "vocab_size");
        Positive(HiddenSize, "hidden_size");
        Positive(IntermediateSize, "intermediate_size");
        Positive(NumAttentionHeads, "num_attention_heads");
        Positive(NumHiddenLayers, "num_hidden_layers");
        Positive(MaxPositionEmbeddings, "max_position_embeddings");
        if (HiddenSize % NumAttentionHeads != 0)
        {
            throw Invalid("num_attention_heads", $"a divisor of hidden_size {HiddenSize}", NumAttentionHeads);
        }
        if (EosTokenId != VocabSize - 1)
        {
            throw Invalid("eos_token_id", $"the largest id {VocabSize - 1} (pooling takes the argmax of the ids)", EosTokenId);
        }
        if (!(LayerNormEps > 0))
        {
            throw Invalid("layer_norm_eps", "a positive number", LayerNormEps);
        }
        return this;
    }

    /// <summary>
    /// The config of a checkpoint that has no <c>config.json</c> (ComfyUI's <c>clip_l.safetensors</c>), read from
    /// its shapes under reference names: vocab and hidden size from the token embedding, the token count from the
    /// position embedding, intermediate size from fc1, layers from the layer indices. The head count, epsilon and
    /// activation are not visible in shapes and come from <paramref name="preset"/>.
    /// </summary>
    public static ClipTextConfig FromCheckpoint(IWeightSource weights, ClipTextConfig preset)
    {
        const string tokens = "text_model.embeddings.token_embedding.weight";     // [vocab, hidden]
        const string positions = "text_model.embeddings.position_embedding.weight"; // [77, hidden]
        int vocabSize = CheckpointShapes.Dim(weights, tokens, 0);
        return (preset with
        {
            VocabSize = vocabSize,
            HiddenSize = CheckpointShapes.Dim(weights, tokens, 1),
            MaxPositionEmbeddings = CheckpointShapes.Dim(weights, positions, 0),
            IntermediateSize = CheckpointShapes.Dim(weights, "text_model.encoder.layers.0.mlp.fc1.weight", 0), // [inter, hidden]
            NumHiddenLayers = CheckpointShapes.CountIndexed(weights, "text_model.encoder.layers."),
            EosTokenId = vocabSize - 1,
        }).Validate();
    }

    private static void Positive(int value, string key) => ConfigInvariant.Positive(nameof(ClipTextConfig), key, value);

    private static ModelConfigException Invalid(string key, string expected, IFormattable actual) =>
        ConfigInvariant.Broken(nameof(ClipTextConfig), key, expected, actual);
}
