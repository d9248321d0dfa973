namespace FluxOnnx.Lora;

/// <summary>
/// A LoRA of a request cannot be bound to the package's run-time slots: it changes a Linear without a slot (an
/// embedder, the final layer, a text encoder), updates a bias, or its factors do not fit the slot's shape.
/// Such LoRAs are fused at conversion instead.
/// </summary>
public sealed class LoraSlotMismatchException : LoraException
{
    public LoraSlotMismatchException(string field, string adapter, string target, string problem)
        : base($"{field}: LoRA {adapter}, {target}: {problem}")
    {
        Field = field;
        Adapter = adapter;
        Target = target;
        Problem = problem;
    }

    public string Field { get; }

    public string Adapter { get; }

    /// <summary>The module (or component) at fault.</summary>
    public string Target { get; }

    public string Problem { get; }

    /// <inheritdoc/>
    public override string Reason => $"{Target}: {Problem}";
}
