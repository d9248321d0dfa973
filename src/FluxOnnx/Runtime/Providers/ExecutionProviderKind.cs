namespace FluxOnnx.Runtime.Providers;

/// <summary>The execution providers the binding can request. <see cref="Auto"/> is a request only, never a result.</summary>
public enum ExecutionProviderKind
{
    Cpu,
    Cuda,
    TensorRt,
    DirectMl,
    Auto,
}
