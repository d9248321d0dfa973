namespace FluxOnnx.Ort;

/// <summary>
/// One dimension of a graph input or output: a fixed size (<see cref="Value"/> ≥ 0), or a free dimension
/// (<see cref="Value"/> is -1) that keeps its symbolic name from the model (empty when the model gave none).
/// </summary>
public readonly record struct OrtDimension(long Value, string SymbolicName)
{
    public bool IsFixed => Value >= 0;

    public override string ToString() => IsFixed ? Value.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : SymbolicName.Length > 0 ? SymbolicName : "?";
}
