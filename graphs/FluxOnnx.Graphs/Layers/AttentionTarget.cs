namespace FluxOnnx.Graphs.Layers;

/// <summary>The runtime a graph is emitted for; it decides the attention form (<see cref="AttentionForms"/>).</summary>
public enum AttentionTarget
{
    /// <summary>ONNX Runtime CPU provider.</summary>
    Cpu,

    /// <summary>ONNX Runtime CUDA provider.</summary>
    Cuda,

    /// <summary>ONNX Runtime DirectML provider.</summary>
    DirectMl,

    /// <summary>TensorRT (directly or as an ORT provider): it fuses the plain MatMul/Softmax pattern itself.</summary>
    TensorRt,
}
