namespace FluxOnnx.Graphs.Weights;

/// <summary>A weight whose stored shape differs from what the graph's config implies.</summary>
public sealed record WeightShapeMismatch(string Name, long[] Expected, long[] Actual)
{
    public override string ToString() => $"{Name}: expected [{string.Join(", ", Expected)}], checkpoint has [{string.Join(", ", Actual)}]";
}
