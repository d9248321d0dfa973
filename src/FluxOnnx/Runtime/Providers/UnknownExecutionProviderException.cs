namespace FluxOnnx.Runtime.Providers;

/// <summary>A provider name that <see cref="ExecutionProviderParser"/> does not know.</summary>
public sealed class UnknownExecutionProviderException : FluxOnnxException
{
    public UnknownExecutionProviderException(string name, IReadOnlyList<string> validNames)
        : base($"Unknown execution provider '{name}'; valid names are: {string.Join(", ", validNames)}.")
    {
        Name = name;
        ValidNames = validNames;
    }

    public string Name { get; }

    public IReadOnlyList<string> ValidNames { get; }
}
