namespace FluxOnnx.Runtime.Providers;

/// <summary>
/// Tries providers in <see cref="Order"/> and keeps the first that appends: TensorRT (default settings: no caches, no fp16), then CUDA, then
/// DirectML, then CPU, which always works. When TensorRT appends, CUDA is appended after it as well, so nodes
/// TensorRT rejects run on the GPU rather than the CPU. The selection returned reports what was appended and why each
/// earlier provider was passed over.
/// </summary>
/// <param name="DeviceId">Device ordinal for whichever GPU provider is chosen.</param>
public sealed record AutoProviderRequest(int DeviceId = 0) : ExecutionProviderRequest
{
    /// <summary>The order providers are tried in.</summary>
    public static IReadOnlyList<ExecutionProviderKind> Order { get; } = new[]
    {
        ExecutionProviderKind.TensorRt,
        ExecutionProviderKind.Cuda,
        ExecutionProviderKind.DirectMl,
        ExecutionProviderKind.Cpu,
    };

    public override ExecutionProviderKind Kind => ExecutionProviderKind.Auto;
}
