using Microsoft.ML.OnnxRuntime;

namespace FluxOnnx.Runtime;

/// <summary>
/// ONNX Runtime could not load the model file at <see cref="FilePath"/> (not an ONNX model, a graph it rejects, an
/// operator it lacks). The ORT error is the <see cref="Exception.InnerException"/> and <see cref="Detail"/>.
/// </summary>
public sealed class ModelLoadException : FluxOnnxException
{
    public ModelLoadException(string filePath, OnnxRuntimeException inner)
        : base($"{filePath}: ONNX Runtime cannot load the model: {inner.Message}", inner)
    {
        FilePath = filePath;
        Detail = inner.Message;
    }

    public string FilePath { get; }

    /// <summary>ORT's own message.</summary>
    public string Detail { get; }
}
