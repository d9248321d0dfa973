namespace FluxOnnx.Graphs.Building;

// Normalization ops. All keep x's shape and element type; scale and bias are broadcast over the normalized
// axes as each op defines.
public sealed partial class GraphBuilder
{
    /// <summary>
    /// LayerNormalization (opset 17): normalizes over axes [axis, rank); scale and optional bias have the shape
    /// of those axes. FLUX's affine-free LayerNorm passes a ones scale and no bias.
    /// </summary>
    public Value LayerNormalization(Value x, Value scale, Value? bias = null, int axis = -1, float epsilon = 1e-5f)
    {
        RequireOnnxOpset("LayerNormalization", 17);
        return AddNode(ReserveNodeName("LayerNormalization"), "LayerNormalization", [x, scale, bias], x.ElementType, x.Shape,
            NodeAttribute.Int("axis", axis), NodeAttribute.Float("epsilon", epsilon));
    }

    /// <summary>
    /// GroupNormalization (opset 21 semantics): x [N, C, ...] in <paramref name="numGroups"/> groups; scale and
    /// bias are per channel, [C] (opset 18 took them per group, hence 21 is required).
    /// </summary>
    public Value GroupNormalization(Value x, Value scale, Value bias, long numGroups, float epsilon = 1e-5f)
    {
        RequireOnnxOpset("GroupNormalization", 21);
        return AddNode(ReserveNodeName("GroupNormalization"), "GroupNormalization", [x, scale, bias], x.ElementType, x.Shape,
            NodeAttribute.Int("num_groups", numGroups), NodeAttribute.Float("epsilon", epsilon));
    }

    /// <summary>
    /// RMSNormalization (opset 23): x / sqrt(mean(x², axes [axis, rank)) + epsilon) · scale. FLUX's QK norm is
    /// this over head_dim.
    /// </summary>
    public Value RmsNormalization(Value x, Value scale, int axis = -1, float epsilon = 1e-6f)
    {
        RequireOnnxOpset("RMSNormalization", 23);
        return AddNode(ReserveNodeName("RMSNormalization"), "RMSNormalization", [x, scale], x.ElementType, x.Shape,
            NodeAttribute.Int("axis", axis), NodeAttribute.Float("epsilon", epsilon));
    }

    /// <summary>
    /// ONNX Runtime's SimplifiedLayerNormalization: the same math as <see cref="RmsNormalization"/>, for runtimes
    /// or opsets without RMSNormalization. It is a contrib op that ORT registers in the default (ai.onnx) domain at
    /// version 1 (onnxruntime <c>contrib_ops/cpu/layer_norm.cc</c>), so it needs no extra opset import; it is
    /// not part of the ONNX standard, and other runtimes reject it.
    /// </summary>
    public Value SimplifiedLayerNormalization(Value x, Value scale, int axis = -1, float epsilon = 1e-6f) =>
        AddNode(ReserveNodeName("SimplifiedLayerNormalization"), "SimplifiedLayerNormalization", [x, scale], x.ElementType,
            x.Shape, NodeAttribute.Int("axis", axis), NodeAttribute.Float("epsilon", epsilon));
}
