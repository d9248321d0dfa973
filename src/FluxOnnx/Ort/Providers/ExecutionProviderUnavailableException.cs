namespace FluxOnnx.Ort.Providers;

/// <summary>
/// An explicitly requested execution provider could not be appended: the ORT build lacks it, or its shared library or
/// driver failed to load. The binding never falls back silently; the session options remain usable for CPU.
/// </summary>
public sealed class ExecutionProviderUnavailableException : Exception
{
    public ExecutionProviderUnavailableException(ExecutionProviderKind provider, string detail, Exception? inner = null)
        : base($"The {provider} execution provider is unavailable: {detail}", inner)
    {
        Provider = provider;
        Detail = detail;
    }

    public ExecutionProviderKind Provider { get; }

    /// <summary>ORT's message, e.g. which shared library failed to load.</summary>
    public string Detail { get; }
}
