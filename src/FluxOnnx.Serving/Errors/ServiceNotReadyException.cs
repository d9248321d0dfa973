namespace FluxOnnx.Serving.Errors;

/// <summary>A request arrived before <see cref="FluxImageService.LoadAsync"/> finished, or after disposal (code <c>not_ready</c>).</summary>
public sealed class ServiceNotReadyException : ServingException
{
    public ServiceNotReadyException(string state)
        : base("not_ready", $"the image service is {state}.")
    {
        State = state;
    }

    /// <summary><c>loading</c>, <c>failed to load</c> or <c>stopped</c>.</summary>
    public string State { get; }
}
