namespace FluxOnnx.Converter.Checkpoints;

/// <summary>A checkpoint cannot be used as asked: an unknown layout, a tensor of an unusable type, a bad config.</summary>
public class CheckpointException : FluxOnnxException
{
    public CheckpointException(string filePath, string? tensorName, string problem)
        : base(tensorName is null ? $"{filePath}: {problem}" : $"{filePath}: tensor '{tensorName}': {problem}")
    {
        FilePath = filePath;
        TensorName = tensorName;
        Problem = problem;
    }

    public string FilePath { get; }

    public string? TensorName { get; }

    public string Problem { get; }
}
