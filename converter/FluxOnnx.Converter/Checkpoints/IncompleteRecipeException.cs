namespace FluxOnnx.Converter.Checkpoints;

/// <summary>
/// Some but not all stored tensors a recipe combines are present (for example <c>attn.to_q</c> and
/// <c>attn.to_v</c> without <c>attn.to_k</c>), so the reference tensor cannot be built. When none are present
/// the reference name is simply absent and the graph reports it missing.
/// </summary>
public sealed class IncompleteRecipeException : CheckpointException
{
    public IncompleteRecipeException(string filePath, string referenceName, IReadOnlyList<string> present, IReadOnlyList<string> missing)
        : base(filePath, missing[0], $"cannot build '{referenceName}': missing {string.Join(", ", missing)} (present: {string.Join(", ", present)})")
    {
        ReferenceName = referenceName;
        Present = present;
        Missing = missing;
    }

    public string ReferenceName { get; }

    /// <summary>Stored names (with any prefix) that were found.</summary>
    public IReadOnlyList<string> Present { get; }

    /// <summary>Stored names (with any prefix) that were not.</summary>
    public IReadOnlyList<string> Missing { get; }
}
