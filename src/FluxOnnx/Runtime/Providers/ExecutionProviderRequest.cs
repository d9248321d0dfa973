namespace FluxOnnx.Runtime.Providers;

/// <summary>
/// Which execution provider a session should use, with that provider's settings. Append one with
/// <see cref="SessionSettings"/>; parse one from a name with
/// <see cref="ExecutionProviderParser"/>.
/// </summary>
public abstract record ExecutionProviderRequest
{
    private protected ExecutionProviderRequest()
    {
    }

    public abstract ExecutionProviderKind Kind { get; }
}
