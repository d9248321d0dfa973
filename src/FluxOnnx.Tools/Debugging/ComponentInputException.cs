namespace FluxOnnx.Tools.Debugging;

/// <summary>
/// An input file does not fit the graph: a missing or extra tensor, another rank or fixed dimension, a dtype
/// that cannot be converted, or an integer that does not fit the declared type.
/// </summary>
public sealed class ComponentInputException : FluxOnnxException
{
    public ComponentInputException(string filePath, string tensorName, string problem, string expected, string actual)
        : base($"{filePath}: tensor '{tensorName}': {problem} (expected {expected}, actual {actual})")
    {
        FilePath = filePath;
        TensorName = tensorName;
        Problem = problem;
        Expected = expected;
        Actual = actual;
    }

    public string FilePath { get; }

    public string TensorName { get; }

    public string Problem { get; }

    public string Expected { get; }

    public string Actual { get; }
}
