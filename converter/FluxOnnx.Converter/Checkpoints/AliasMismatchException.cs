namespace FluxOnnx.Converter.Checkpoints;

/// <summary>
/// Two stored tensors that must be copies of each other (T5's <c>shared.weight</c> and
/// <c>encoder.embed_tokens.weight</c>) differ. Found while streaming, at the first differing element.
/// </summary>
public sealed class AliasMismatchException : CheckpointException
{
    public AliasMismatchException(string filePath, string tensorName, string aliasName, long elementIndex, float value, float aliasValue)
        : base(filePath, tensorName, $"differs from its alias '{aliasName}' at element {elementIndex}: {value} vs {aliasValue}")
    {
        AliasName = aliasName;
        ElementIndex = elementIndex;
        Value = value;
        AliasValue = aliasValue;
    }

    public string AliasName { get; }

    public long ElementIndex { get; }

    public float Value { get; }

    public float AliasValue { get; }
}
