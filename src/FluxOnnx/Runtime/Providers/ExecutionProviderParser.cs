namespace FluxOnnx.Runtime.Providers;

/// <summary>Maps the provider names used in settings and on the command line to default requests.</summary>
public static class ExecutionProviderParser
{
    /// <summary>The accepted names, lower case.</summary>
    public static IReadOnlyList<string> ValidNames { get; } = new[] { "cpu", "cuda", "tensorrt", "directml", "auto" };

    /// <summary>Parses <c>cpu|cuda|tensorrt|directml|auto</c>, ignoring case and surrounding spaces.</summary>
    /// <exception cref="UnknownExecutionProviderException">Any other name.</exception>
    public static ExecutionProviderRequest Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "cpu" => new CpuProviderRequest(),
            "cuda" => new CudaProviderRequest(),
            "tensorrt" => new TensorRtProviderRequest(),
            "directml" => new DirectMlProviderRequest(),
            "auto" => new AutoProviderRequest(),
            _ => throw new UnknownExecutionProviderException(name, ValidNames),
        };
    }
}
