namespace FluxOnnx.Tools.Profiling;

/// <summary>A file is not a usable ONNX Runtime JSON profile: not a JSON array of trace events, or no run past the warm-up.</summary>
public sealed class InvalidProfileException : FluxOnnxException
{
    public InvalidProfileException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    public string FilePath { get; }

    public string Problem { get; }
}
