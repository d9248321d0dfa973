namespace FluxOnnx.Ort.Providers;

/// <summary>A provider that <see cref="AutoProviderRequest"/> tried and could not append, with ORT's reason.</summary>
public sealed record ExecutionProviderFailure(ExecutionProviderKind Provider, string Detail);
