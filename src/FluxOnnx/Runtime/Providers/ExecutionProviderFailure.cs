namespace FluxOnnx.Runtime.Providers;

/// <summary>A provider that <see cref="AutoProviderRequest"/> tried and could not append, with ORT's reason.</summary>
/// <param name="Provider">The provider passed over.</param>
/// <param name="Detail">ORT's message, without its "[ErrorCode:…]" prefix.</param>
/// <param name="MissingLibrary">The shared library the loader could not find (e.g. <c>libcublasLt.so.13</c>), when ORT names one.</param>
public sealed record ExecutionProviderFailure(ExecutionProviderKind Provider, string Detail, string? MissingLibrary = null)
{
    internal static ExecutionProviderFailure From(ExecutionProviderKind provider, Exception e)
    {
        var detail = OrtMessages.WithoutErrorCode(e.Message);
        return new ExecutionProviderFailure(provider, detail, OrtMessages.MissingLibrary(detail));
    }
}
