namespace FluxOnnx.Runtime.Providers;

/// <summary>
/// The CUDA provider (<c>libonnxruntime_providers_cuda</c>), configured through ORT's CUDA V2 options object
/// (<c>CreateCUDAProviderOptions</c> / <c>UpdateCUDAProviderOptions</c> with key <c>device_id</c>).
/// </summary>
/// <param name="DeviceId">CUDA device ordinal.</param>
public sealed record CudaProviderRequest(int DeviceId = 0) : ExecutionProviderRequest
{
    public override ExecutionProviderKind Kind => ExecutionProviderKind.Cuda;
}
