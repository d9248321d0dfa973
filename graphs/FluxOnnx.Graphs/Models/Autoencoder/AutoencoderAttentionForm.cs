namespace FluxOnnx.Graphs.Models.Autoencoder;

/// <summary>
/// How the mid-block's single-head attention over the h·w pixels is emitted. All three compute
/// softmax(q·kᵀ / sqrt(C))·v and match the reference within float32 rounding.
/// </summary>
public enum AutoencoderAttentionForm
{
    /// <summary>One com.microsoft MultiHeadAttention node with 1 head (ORT CPU/CUDA kernels; the default).</summary>
    MultiHeadAttention,

    /// <summary>One ai.onnx Attention node (opset 23), 3-D form with 1 query and 1 key/value head.</summary>
    OnnxAttention,

    /// <summary>
    /// MatMul, Softmax, MatMul from standard ops only, for runtimes without either fused op (TensorRT builds its
    /// own fusion from this pattern).
    /// </summary>
    Decomposed,
}
