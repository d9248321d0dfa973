using FluxOnnx.Packaging;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.TextEncoders;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.T5;

/// <summary>
/// The T5 v1.1 encoder as FLUX uses it (transformers <c>T5EncoderModel(input_ids).last_hidden_state</c>, no
/// attention mask: padding tokens take part). Weight names are HF's (<c>encoder.block.3.layer.0.SelfAttention.q.weight</c>).
/// </summary>
public static class T5EncoderGraph
{
    /// <summary>
    /// The token embedding's reference name. HF T5 checkpoints store the same table twice (<c>shared.weight</c>
    /// and its tied alias <see cref="EncoderEmbeddingWeight"/>); some single files keep only one. The graph asks
    /// for this name only: the converter's recipe maps the alias onto it, or drops the alias when both exist.
    /// </summary>
    public const string EmbeddingWeight = "shared.weight";

    /// <summary>The tied alias of <see cref="EmbeddingWeight"/> in HF checkpoints (what <c>T5Stack.embed_tokens</c> owns).</summary>
    public const string EncoderEmbeddingWeight = "encoder.embed_tokens.weight";

    /// <summary>
    /// Declares <see cref="FluxIo.InputIds"/> [batch, <paramref name="textLength"/>] and <see cref="FluxIo.TextEmbeddings"/> and
    /// emits the encoder between them, taking weights from <paramref name="root"/> (the checkpoint's root, where
    /// <c>shared.weight</c> and <c>encoder.*</c> live). The caller calls <see cref="WeightRegistry.EnsureComplete"/>.
    /// <code>
    ///   input_ids [B, L] ─ Gather(shared.weight) ─ x [B, L, d_model]
    ///   L ─ bucket table [L, L] ─ Gather(block.0 relative_attention_bias) ─ position bias [1, N, L, L]
    ///   x ─ block.0 ─ block.1 ─ … ─ block.{n-1} ─ final_layer_norm ─ text_embeddings [B, L, d_model]
    ///                 (every block adds the same position bias)
    /// </code>
    /// </summary>
    /// <param name="g">The graph being built.</param>
    /// <param name="root">The checkpoint's root weight scope.</param>
    /// <param name="config">Hyper-parameters (validated here).</param>
    /// <param name="textLength">The package's fixed token count: 256 for schnell, 512 for dev.</param>
    /// <param name="options">Op forms.</param>
    /// <returns>The <see cref="FluxIo.TextEmbeddings"/> value.</returns>
    public static Value Build(GraphBuilder g, WeightScope root, T5EncoderConfig config, int textLength, TextEncoderGraphOptions options)
    {
        config.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(textLength);
        var inputIds = g.Input(FluxIo.InputIds, ElementType.Int64, new Shape("batch", textLength));

        Value x;
        using (var shared = root.Enter("shared"))
        {
            x = g.Gather(shared.Float("weight", config.VocabSize, config.DModel), inputIds, 0); // [B, L, d_model]
        }

        using (var encoder = root.Enter("encoder"))
        {
            Value positionBias;
            using (var block0 = encoder.Enter("block", 0))
            using (var layer0 = block0.Enter("layer", 0))
            using (var attention = layer0.Enter("SelfAttention"))
            {
                positionBias = T5RelativePositionBias.Apply(attention, config, textLength); // [1, N, L, L]
            }
            for (int i = 0; i < config.NumLayers; i++)
            {
                using var block = encoder.Enter("block", i);
                x = T5Block.Apply(block, x, positionBias, config, options); // [B, L, d_model]
            }
            using (var finalLayerNorm = encoder.Enter("final_layer_norm"))
            {
                x = T5Block.LayerNorm(finalLayerNorm, x, config);
            }
        }
        g.Output(x, FluxIo.TextEmbeddings);
        return x;
    }
}
