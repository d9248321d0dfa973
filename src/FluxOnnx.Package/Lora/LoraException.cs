namespace FluxOnnx.Lora;

/// <summary>
/// A LoRA cannot be used as asked. <see cref="Reason"/> says why without any file-system path, so a server can pass
/// it to a remote client; the message keeps the full path for the host's own log or console.
/// </summary>
public abstract class LoraException : FluxOnnxException
{
    protected LoraException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>What is wrong, naming tensors, modules and shapes but no path (a file appears by its name only).</summary>
    public abstract string Reason { get; }

    /// <summary><paramref name="text"/> with every occurrence of <paramref name="filePath"/> replaced by its file name.</summary>
    protected static string WithoutPath(string text, string filePath) =>
        filePath.Length == 0 ? text : text.Replace(filePath, Path.GetFileName(filePath), StringComparison.Ordinal);
}
