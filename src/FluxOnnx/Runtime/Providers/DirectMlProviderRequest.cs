namespace FluxOnnx.Runtime.Providers;

/// <summary>
/// The DirectML provider (Windows; the Microsoft.ML.OnnxRuntime.DirectML build), appended by name ("DML" with
/// <c>device_id</c>) through ORT's generic provider appender. Builds without DirectML answer "DML execution provider is
/// not supported in this build." (measured on the Linux CPU and Gpu packages 1.32.0), reported as unavailable.
/// </summary>
/// <param name="DeviceId">DXGI adapter index; 0 is the default adapter.</param>
public sealed record DirectMlProviderRequest(int DeviceId = 0) : ExecutionProviderRequest
{
    public override ExecutionProviderKind Kind => ExecutionProviderKind.DirectMl;
}
