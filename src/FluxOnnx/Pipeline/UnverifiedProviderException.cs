namespace FluxOnnx.Pipeline;

/// <summary>A package's precision has not been verified on the execution provider chosen to run it.</summary>
public sealed class UnverifiedProviderException : FluxOnnxException
{
    public UnverifiedProviderException(Precision precision, string provider, IReadOnlyList<string> verified)
        : base($"This {precision.Name()} package has been verified on {string.Join(", ", verified)} only, not on {provider}: " +
               $"its quantized kernels may be missing there. Use a verified provider, convert at fp32/fp16, or allow unverified providers explicitly.")
    {
        Precision = precision;
        Provider = provider;
        Verified = verified;
    }

    public Precision Precision { get; }

    public string Provider { get; }

    public IReadOnlyList<string> Verified { get; }
}
