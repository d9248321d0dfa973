namespace FluxOnnx.Tools.Benchmarking;

/// <summary>
/// A <see cref="BenchmarkRequest"/> member has a value the benchmark cannot honour. <see cref="ArgumentException.ParamName"/>
/// is the member's name (e.g. <c>Runs</c>). Members passed on to the pipeline are checked there and throw
/// <see cref="Pipeline.InvalidGenerateRequestException"/> instead.
/// </summary>
public sealed class InvalidBenchmarkRequestException : ArgumentException
{
    public InvalidBenchmarkRequestException(string paramName, string expected, string actual)
        : base($"{paramName}: expected {expected}, got {actual}.", paramName)
    {
        Expected = expected;
        Actual = actual;
    }

    public string Expected { get; }

    public string Actual { get; }
}
