namespace FluxOnnx.Ort.Providers;

/// <summary>
/// The DirectML provider (Windows, ORT's DirectML build). Appended through the DML extension table:
/// <c>GetExecutionProviderApi("DML")</c> returns <c>OrtDmlApi</c>, whose first entry is
/// <c>SessionOptionsAppendExecutionProvider_DML(options, device_id)</c>. That path exists in every DML build since
/// API 12. ORT 1.30 also accepts the name in the generic <c>SessionOptionsAppendExecutionProvider("DML")</c> (checked:
/// the Linux CPU build answers "DML execution provider is not supported in this build"), but older builds answer
/// "Unknown provider name", so the binding uses the extension table. On builds without DirectML,
/// <c>GetExecutionProviderApi</c> fails with "Specified provider is not supported.", reported as unavailable.
/// </summary>
/// <param name="DeviceId">DXGI adapter index; 0 is the default adapter.</param>
public sealed record DirectMlProviderRequest(int DeviceId = 0) : ExecutionProviderRequest
{
    public override ExecutionProviderKind Kind => ExecutionProviderKind.DirectMl;
}
