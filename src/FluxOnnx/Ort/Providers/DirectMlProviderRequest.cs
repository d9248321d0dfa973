namespace FluxOnnx.Ort.Providers;

/// <summary>
/// The DirectML provider (Windows, ORT's DirectML build). Appended through the DML extension table:
/// <c>GetExecutionProviderApi("DML")</c> returns <c>OrtDmlApi</c>, whose first entry is
/// <c>SessionOptionsAppendExecutionProvider_DML(options, device_id)</c>. That path exists in every DML build;
/// the generic <c>SessionOptionsAppendExecutionProvider("DML")</c> is not relied on because older builds reject the
/// name. Builds without DirectML (like the Linux CPU build) fail <c>GetExecutionProviderApi</c>, which is reported
/// as unavailable.
/// </summary>
/// <param name="DeviceId">DXGI adapter index; 0 is the default adapter.</param>
public sealed record DirectMlProviderRequest(int DeviceId = 0) : ExecutionProviderRequest
{
    public override ExecutionProviderKind Kind => ExecutionProviderKind.DirectMl;
}
