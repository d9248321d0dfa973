namespace FluxOnnx.Tools.Inspection;

/// <summary>A path cannot be inspected: it does not exist, is of an unknown kind, or is not a valid file of its kind.</summary>
public sealed class InspectionException : FluxOnnxException
{
    public InspectionException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    public string FilePath { get; }

    public string Problem { get; }
}
