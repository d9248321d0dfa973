namespace FluxOnnx.Runtime.Providers;

/// <summary>
/// An explicitly requested execution provider could not be appended: the ONNX Runtime build lacks it (a CPU build
/// asked for CUDA), or its shared library or one of its dependencies failed to load (the Gpu build without CUDA).
/// Nothing falls back silently; the session options remain usable for CPU.
/// </summary>
public sealed class ExecutionProviderUnavailableException : FluxOnnxException
{
    public ExecutionProviderUnavailableException(ExecutionProviderKind provider, string detail, string? missingLibrary,
        Exception? inner = null)
        : base(Describe(provider, detail, missingLibrary), inner)
    {
        Provider = provider;
        Detail = detail;
        MissingLibrary = missingLibrary;
    }

    public ExecutionProviderKind Provider { get; }

    /// <summary>ORT's message, without its "[ErrorCode:…]" prefix.</summary>
    public string Detail { get; }

    /// <summary>The shared library that failed to load (e.g. <c>libcublasLt.so.13</c>), when ORT names one; null when the
    /// build simply lacks the provider.</summary>
    public string? MissingLibrary { get; }

    internal static ExecutionProviderUnavailableException From(ExecutionProviderKind provider, Exception e)
    {
        var detail = OrtMessages.WithoutErrorCode(e.Message);
        return new ExecutionProviderUnavailableException(provider, detail, OrtMessages.MissingLibrary(detail), e);
    }

    private static string Describe(ExecutionProviderKind provider, string detail, string? missingLibrary)
    {
        var name = ExecutionProviderNames.Of(provider);
        if (missingLibrary is not null)
        {
            return $"The {name} execution provider cannot load: {missingLibrary} is missing ({Requirement(provider)}). ONNX Runtime said: {detail}";
        }
        return $"The {name} execution provider is not in this ONNX Runtime build ({BuildHint(provider)}). ONNX Runtime said: {detail}";
    }

    private static string Requirement(ExecutionProviderKind provider) => provider switch
    {
        ExecutionProviderKind.Cuda => "the Gpu build needs CUDA 13 and cuDNN 9 on the library path",
        ExecutionProviderKind.TensorRt => "the Gpu build needs CUDA 13, cuDNN 9 and TensorRT 10 on the library path",
        ExecutionProviderKind.DirectMl => "the DirectML build needs DirectML.dll beside the application",
        _ => "a library the provider depends on",
    };

    private static string BuildHint(ExecutionProviderKind provider) => provider switch
    {
        ExecutionProviderKind.Cuda or ExecutionProviderKind.TensorRt =>
            "build FluxOnnx with -p:FluxOrtFlavor=gpu to use the Microsoft.ML.OnnxRuntime.Gpu package",
        ExecutionProviderKind.DirectMl =>
            "build FluxOnnx on Windows with -p:FluxOrtFlavor=directml to use the Microsoft.ML.OnnxRuntime.DirectML package",
        _ => "use another build",
    };
}
