namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>Which op carries the QK RMSNorm (<c>x / sqrt(mean(x²) + 1e-6) · scale</c> over head_dim).</summary>
public enum QkNormForm
{
    /// <summary>ai.onnx <c>RMSNormalization</c> (opset 23): the standard op.</summary>
    RmsNormalization,

    /// <summary>ONNX Runtime's <c>SimplifiedLayerNormalization</c> contrib op: the same math, ORT only.</summary>
    SimplifiedLayerNormalization,
}
