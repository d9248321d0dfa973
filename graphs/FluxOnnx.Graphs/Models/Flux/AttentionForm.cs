namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>How <c>softmax(q·kᵀ/√d)·v</c> of every FLUX block is emitted.</summary>
public enum AttentionForm
{
    /// <summary>One com.microsoft <c>MultiHeadAttention</c> node per block on [B, L, heads·head_dim] q, k, v.</summary>
    MultiHeadAttention,

    /// <summary>One ai.onnx opset-23 <c>Attention</c> node per block, 3-D form (q_num_heads = kv_num_heads = heads).</summary>
    OnnxAttention,

    /// <summary>Transpose, MatMul, Mul (scale), Softmax, MatMul: the pattern TensorRT fuses itself.</summary>
    Decomposed,
}
