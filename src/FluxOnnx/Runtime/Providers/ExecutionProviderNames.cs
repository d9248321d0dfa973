namespace FluxOnnx.Runtime.Providers;

/// <summary>The lower-case provider names used in settings, manifests and messages (<c>cpu</c>, <c>cuda</c>, <c>tensorrt</c>, <c>directml</c>, <c>auto</c>).</summary>
public static class ExecutionProviderNames
{
    public static string Of(ExecutionProviderKind kind) => kind switch
    {
        ExecutionProviderKind.Cpu => "cpu",
        ExecutionProviderKind.Cuda => "cuda",
        ExecutionProviderKind.TensorRt => "tensorrt",
        ExecutionProviderKind.DirectMl => "directml",
        ExecutionProviderKind.Auto => "auto",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
