namespace FluxOnnx.Converter.Lora;

/// <summary>
/// Keys of a LoRA file that map onto nothing in the model (unknown modules, another depth, a component not being
/// converted, or a module without a run-time slot). Refused unless the request's <see cref="AllowField"/> is set,
/// in which case they are skipped and recorded.
/// </summary>
public sealed class LoraUnusedKeysException : FluxOnnx.Lora.LoraException
{
    public LoraUnusedKeysException(string filePath, IReadOnlyList<string> keys, string allowField)
        : base($"LoRA {filePath}: {keys.Count} key(s) match nothing in the model: {string.Join(", ", keys.Take(20))}{(keys.Count > 20 ? ", …" : "")} (set {allowField} to skip them)")
    {
        FilePath = filePath;
        Keys = keys;
        AllowField = allowField;
    }

    public string FilePath { get; }

    /// <summary>Every unmatched key, sorted.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The request field that skips such keys (<c>LoraAllowUnused</c>).</summary>
    public string AllowField { get; }

    /// <inheritdoc/>
    public override string Reason =>
        $"{Keys.Count} key(s) match nothing in the model: {string.Join(", ", Keys.Take(20))}{(Keys.Count > 20 ? ", …" : "")}";
}
