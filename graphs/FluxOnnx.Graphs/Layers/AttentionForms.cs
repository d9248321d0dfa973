namespace FluxOnnx.Graphs.Layers;

/// <summary>
/// The one place an execution target is mapped to an attention form. cpu, cuda and directml get one fused
/// com.microsoft MultiHeadAttention node per attention: on CPU (2 threads, hidden 3072, 24 heads, 1024 + 256
/// tokens) it measured within noise of opset-23 Attention (attention alone, median 106 vs 113 ms and 114 vs
/// 117 ms in two runs of <c>bench flux-attention</c>) and it is the form ORT's own FLUX fusion produces.
/// tensorrt gets the decomposed pattern, which TensorRT fuses itself.
/// </summary>
public static class AttentionForms
{
    public static AttentionForm For(AttentionTarget target) =>
        target == AttentionTarget.TensorRt ? AttentionForm.Decomposed : AttentionForm.MultiHeadAttention;
}
