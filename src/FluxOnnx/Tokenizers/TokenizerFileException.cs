namespace FluxOnnx.Tokenizers;

/// <summary>
/// A tokenizer data file exists but cannot be used: it is not valid JSON or protobuf, a required entry is
/// missing, or its contents contradict each other (for example a merge whose result is not in the vocabulary).
/// A file that does not exist is reported as <see cref="FileNotFoundException"/> instead.
/// </summary>
public sealed class TokenizerFileException : FluxOnnxException
{
    /// <summary>Creates the exception for <paramref name="filePath"/> with a reason that names what is wrong.</summary>
    public TokenizerFileException(string filePath, string reason, Exception? innerException = null)
        : base($"Tokenizer file '{filePath}' is invalid: {reason}", innerException)
    {
        FilePath = filePath;
        Reason = reason;
    }

    /// <summary>Full path of the offending file.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with the file, without the path.</summary>
    public string Reason { get; }
}
