using FluxOnnx.Packaging;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.TextEncoders;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.Clip;

/// <summary>
/// The CLIP text encoder as FLUX uses it (transformers <c>CLIPTextModel</c>: last_hidden_state and pooler_output,
/// no text projection). Weight names are HF's (<c>text_model.encoder.layers.3.self_attn.q_proj.weight</c>).
/// </summary>
public static class ClipTextGraph
{
    /// <summary>
    /// Declares <see cref="FluxIo.InputIds"/> [batch, max_position_embeddings], <see cref="FluxIo.TextEmbeddings"/> and
    /// <see cref="FluxIo.PooledEmbeddings"/> and emits the encoder between them, taking weights from
    /// <paramref name="root"/> (where <c>text_model.*</c> lives). The caller calls <see cref="WeightRegistry.EnsureComplete"/>.
    /// <code>
    ///   input_ids [B, 77] ─ Gather(token_embedding) + position_embedding [77, hidden] ─ x [B, 77, hidden]
    ///   x ─ layers.0 ─ … ─ layers.{n-1} ─ final_layer_norm ─┬─ text_embeddings [B, 77, hidden]
    ///   input_ids ─ Cast int32 ─ ArgMax (first EOS) [B, 1] ─ GatherND(batch_dims 1) ─ pooled_embeddings [B, hidden]
    /// </code>
    /// </summary>
    public static (Value Text, Value Pooled) Build(GraphBuilder g, WeightScope root, ClipTextConfig config, TextEncoderGraphOptions options)
    {
        config.Validate();
        int length = config.MaxPositionEmbeddings;
        var inputIds = g.Input(FluxIo.InputIds, ElementType.Int64, new Shape("batch", length));

        Value x;
        using (var model = root.Enter("text_model"))
        {
            using (var embeddings = model.Enter("embeddings"))
            {
                Value tokens, positions;
                using (var tokenEmbedding = embeddings.Enter("token_embedding")) tokens = tokenEmbedding.Float("weight", config.VocabSize, config.HiddenSize);
                using (var positionEmbedding = embeddings.Enter("position_embedding")) positions = positionEmbedding.Float("weight", length, config.HiddenSize);
                // The reference adds the whole position table: the input length is always max_position_embeddings.
                x = g.Add(g.Gather(tokens, inputIds, 0), positions); // [B, 77, hidden]
            }
            using (var encoder = model.Enter("encoder"))
            {
                for (int i = 0; i < config.NumHiddenLayers; i++)
                {
                    using var layer = encoder.Enter("layers", i);
                    x = ClipEncoderLayer.Apply(layer, x, config, options); // [B, 77, hidden]
                }
            }
            x = ClipEncoderLayer.LayerNorm(model, "final_layer_norm", x, config); // [B, 77, hidden]
        }

        Value pooled;
        using (g.Scope("pooler"))
        {
            // EOS is the largest id, so argmax (first maximum) finds the first EOS; the reference casts to int too.
            var ids = g.Cast(inputIds, ElementType.Int32);
            var eos = g.Op("ArgMax", [ids], [NodeAttribute.Int("axis", -1), NodeAttribute.Int("keepdims", 1)],
                ElementType.Int64, new Shape("batch", 1)); // [B, 1]
            pooled = g.Op("GatherND", [x, eos], [NodeAttribute.Int("batch_dims", 1)],
                x.ElementType, new Shape("batch", config.HiddenSize)); // [B, hidden]
        }
        g.Output(x, FluxIo.TextEmbeddings);
        g.Output(pooled, FluxIo.PooledEmbeddings);
        return (x, pooled);
    }
}
