namespace FluxOnnx.Converter.Conversion;

/// <summary>A conversion request that cannot be carried out as given (nothing to convert, the output exists, an unknown precision...).</summary>
public sealed class ConversionException : Exception
{
    public ConversionException(string argument, string problem)
        : base($"{argument}: {problem}")
    {
        Argument = argument;
        Problem = problem;
    }

    /// <summary>The request field (CLI option) at fault, e.g. <c>--output</c>.</summary>
    public string Argument { get; }

    public string Problem { get; }
}
