namespace FluxOnnx.Graphs.Models.TextEncoders;

/// <summary>
/// How one self-attention (softmax(q·kᵀ·scale + bias)·v over heads) is emitted. Every form computes the same
/// function; they differ in which runtimes run them well.
/// </summary>
public enum AttentionForm
{
    /// <summary>
    /// One com.microsoft <c>MultiHeadAttention</c> node on [B, S, N·H] values, with the additive bias (T5's
    /// relative position bias, CLIP's causal mask) on its <c>attention_bias</c> input. ONNX Runtime only.
    /// </summary>
    MultiHeadAttention,

    /// <summary>
    /// One ai.onnx <c>Attention</c> node (opset 23, 3-D form), bias on <c>attn_mask</c>, CLIP's causal mask as
    /// <c>is_causal</c>. Standard ONNX; needs a runtime with opset 23.
    /// </summary>
    OnnxAttention,

    /// <summary>
    /// Reshape/Transpose, MatMul, Mul, Add, Softmax, MatMul: plain opset-13 ops that TensorRT's parser fuses itself.
    /// </summary>
    Decomposed,
}
