namespace FluxOnnx.Tools.Benchmarking;

/// <summary>
/// A <see cref="BenchmarkRequest"/> member has a value the benchmark cannot honour;
/// <see cref="InvalidRequestException.Field"/> names it (e.g. <c>Runs</c>). Members passed on to the pipeline are
/// checked there and throw <see cref="Pipeline.InvalidGenerateRequestException"/> instead.
/// </summary>
public sealed class InvalidBenchmarkRequestException : InvalidRequestException
{
    public InvalidBenchmarkRequestException(string member, string expected, string actual)
        : base(RequestField.Of<BenchmarkRequest>(member), expected, actual)
    {
    }
}
