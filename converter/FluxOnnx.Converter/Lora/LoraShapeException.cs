namespace FluxOnnx.Converter.Lora;

/// <summary>
/// A LoRA tensor does not fit the model it is applied to (typically a LoRA trained for another model size): names
/// the file's tensor, the model weight it maps onto, and both shapes.
/// </summary>
public sealed class LoraShapeException : FluxOnnx.Lora.LoraException
{
    public LoraShapeException(string filePath, string tensorName, string target, IReadOnlyList<long> expected, IReadOnlyList<long> actual)
        : base($"LoRA {filePath}: tensor {tensorName} (for {target}) has shape [{string.Join(", ", actual)}], the model needs [{string.Join(", ", expected)}]")
    {
        FilePath = filePath;
        TensorName = tensorName;
        Target = target;
        Expected = expected;
        Actual = actual;
    }

    public string FilePath { get; }

    /// <summary>The tensor's key in the LoRA file.</summary>
    public string TensorName { get; }

    /// <summary>The reference weight it maps onto, e.g. <c>double_blocks.0.img_attn.qkv.weight</c>.</summary>
    public string Target { get; }

    public IReadOnlyList<long> Expected { get; }

    public IReadOnlyList<long> Actual { get; }

    /// <inheritdoc/>
    public override string Reason =>
        $"tensor {TensorName} (for {Target}) has shape [{string.Join(", ", Actual)}], the model needs [{string.Join(", ", Expected)}]";
}
