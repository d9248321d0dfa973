namespace FluxOnnx.Runtime.Providers;

/// <summary>ORT's built-in CPU provider. Always present; appending it changes nothing in the options.</summary>
public sealed record CpuProviderRequest : ExecutionProviderRequest
{
    public override ExecutionProviderKind Kind => ExecutionProviderKind.Cpu;
}
