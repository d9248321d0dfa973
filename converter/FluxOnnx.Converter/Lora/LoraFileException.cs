namespace FluxOnnx.Converter.Lora;

/// <summary>
/// A LoRA file cannot be used: it is unreadable or truncated, its key layout is none of the known formats, or two
/// files replace the same full tensor. <see cref="Field"/> is the request field that named it.
/// </summary>
public sealed class LoraFileException : FluxOnnx.Lora.LoraException
{
    public LoraFileException(string filePath, string field, string problem, Exception? inner = null)
        : base($"{field}: LoRA {filePath}: {problem}", inner)
    {
        FilePath = filePath;
        Field = field;
        Problem = problem;
    }

    public string FilePath { get; }

    /// <summary>The request field holding the file (<c>Loras</c>).</summary>
    public string Field { get; }

    public string Problem { get; }

    /// <inheritdoc/>
    public override string Reason => $"{Path.GetFileName(FilePath)}: {WithoutPath(Problem, FilePath)}";
}
