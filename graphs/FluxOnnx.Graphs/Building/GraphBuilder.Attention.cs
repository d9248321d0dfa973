namespace FluxOnnx.Graphs.Building;

// Fused attention ops. Both compute softmax(q·kᵀ·scale + bias)·v; they differ in layout and domain.
public sealed partial class GraphBuilder
{
    /// <summary>
    /// com.microsoft MultiHeadAttention.
    /// <code>
    ///   q [B, S_q, N·H]   k [B, S_kv, N·H]   v [B, S_kv, N·H_v]
    ///         └──── split into N heads, softmax(q kᵀ · scale + attentionBias) v ────┘
    ///                           output [B, S_q, N·H_v]
    /// </code>
    /// <paramref name="bias"/> is the packed q|k|v projection bias [N·H + N·H + N·H_v];
    /// <paramref name="attentionBias"/> is added to the logits, broadcastable to [B, N, S_q, S_kv].
    /// <paramref name="scale"/> defaults to 1/sqrt(H) when null.
    /// </summary>
    public Value MultiHeadAttention(Value q, Value k, Value v, long numHeads, Value? bias = null,
        Value? attentionBias = null, float? scale = null)
    {
        string node = ReserveNodeName("MultiHeadAttention");
        RequireSameType(node, q, k);
        RequireSameType(node, q, v);
        var shape = q.Shape.IsRanked && v.Shape.IsRanked ? q.Shape.With(-1, v.Shape[-1]) : Shape.UnknownOfRank(3);
        var attributes = new List<NodeAttribute> { NodeAttribute.Int("num_heads", numHeads) };
        if (scale is { } s) attributes.Add(NodeAttribute.Float("scale", s));
        // Inputs: query, key, value, bias, key_padding_mask (unused), attention_bias.
        return AddNode(node, "MultiHeadAttention", MicrosoftDomain, [q, k, v, bias, null, attentionBias], attributes,
            [new TensorType(q.ElementType, shape)])[0];
    }

    /// <summary>
    /// ai.onnx Attention (opset 23), 4-D form: q [B, N_q, S_q, H], k [B, N_kv, S_kv, H], v [B, N_kv, S_kv, H_v]
    /// → [B, N_q, S_q, H_v]. <paramref name="attnMask"/> (BOOL: true keeps; float: added) broadcasts to
    /// [B, N_q, S_q, S_kv]. <paramref name="scale"/> defaults to 1/sqrt(H).
    /// </summary>
    public Value Attention(Value q, Value k, Value v, Value? attnMask = null, float? scale = null, bool isCausal = false)
    {
        string node = ReserveNodeName("Attention");
        RequireOnnxOpset("Attention", 23);
        RequireSameType(node, q, k);
        RequireSameType(node, q, v);
        var shape = q.Shape.IsRanked && v.Shape.IsRanked ? q.Shape.With(-1, v.Shape[-1]) : Shape.UnknownOfRank(4);
        return AddAttention(node, [q, k, v, attnMask], AttentionAttributes(scale, isCausal), q.ElementType, shape);
    }

    /// <summary>
    /// ai.onnx Attention (opset 23), 3-D form: q [B, S_q, N_q·H], k [B, S_kv, N_kv·H], v [B, S_kv, N_kv·H_v]
    /// → [B, S_q, N_q·H_v], heads given by <paramref name="qNumHeads"/> and <paramref name="kvNumHeads"/>
    /// (equal for FLUX; fewer kv heads is grouped-query attention).
    /// </summary>
    public Value Attention(Value q, Value k, Value v, long qNumHeads, long kvNumHeads, Value? attnMask = null,
        float? scale = null, bool isCausal = false)
    {
        string node = ReserveNodeName("Attention");
        RequireOnnxOpset("Attention", 23);
        RequireSameType(node, q, k);
        RequireSameType(node, q, v);
        Shape shape = Shape.UnknownOfRank(3);
        if (q.Shape.IsRanked && v.Shape.IsRanked)
        {
            Dim outHidden = v.Shape[-1].Size is { } vHidden ? vHidden / kvNumHeads * qNumHeads : Dim.Unknown;
            shape = q.Shape.With(-1, outHidden);
        }
        var attributes = AttentionAttributes(scale, isCausal);
        attributes.Add(NodeAttribute.Int("q_num_heads", qNumHeads));
        attributes.Add(NodeAttribute.Int("kv_num_heads", kvNumHeads));
        return AddAttention(node, [q, k, v, attnMask], attributes, q.ElementType, shape);
    }

    private static List<NodeAttribute> AttentionAttributes(float? scale, bool isCausal)
    {
        var attributes = new List<NodeAttribute>();
        if (scale is { } s) attributes.Add(NodeAttribute.Float("scale", s));
        if (isCausal) attributes.Add(NodeAttribute.Int("is_causal", 1));
        return attributes;
    }

    private Value AddAttention(string node, Value?[] inputs, List<NodeAttribute> attributes, ElementType type, Shape shape) =>
        AddNode(node, "Attention", "", inputs, attributes, [new TensorType(type, shape)])[0];
}
