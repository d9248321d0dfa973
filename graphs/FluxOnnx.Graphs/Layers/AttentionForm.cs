namespace FluxOnnx.Graphs.Layers;

/// <summary>
/// How one attention <c>softmax(q·kᵀ·scale + bias)·v</c> is emitted, shared by every model (FLUX blocks, T5,
/// CLIP, the autoencoder's mid-block). All forms compute the same function; they differ in which runtimes run
/// them well. <see cref="AttentionForms.For(AttentionTarget)"/> picks one per execution target.
/// </summary>
public enum AttentionForm
{
    /// <summary>One com.microsoft <c>MultiHeadAttention</c> node on [B, L, heads·head_dim] q, k, v (ORT's fused kernel).</summary>
    MultiHeadAttention,

    /// <summary>One ai.onnx opset-23 <c>Attention</c> node, 3-D form (q_num_heads = kv_num_heads = heads).</summary>
    OnnxAttention,

    /// <summary>Transpose, MatMul, Mul (scale), Softmax, MatMul: plain ops whose pattern TensorRT fuses itself.</summary>
    Decomposed,
}
