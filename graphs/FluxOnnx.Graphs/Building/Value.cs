namespace FluxOnnx.Graphs.Building;

/// <summary>
/// A typed tensor value in a graph under construction: a graph input, an initializer or constant, or a node
/// output. Model code passes values to <see cref="GraphBuilder"/> ops and never sees the value's ONNX name,
/// which the builder assigns (graph inputs and initializers keep the name they were declared with; node
/// outputs are named <c>{node path}/output_{i}</c>; graph outputs are renamed to their public name).
/// </summary>
public sealed class Value
{
    internal Value(GraphBuilder owner, string name, ElementType elementType, Shape shape, ValueKind kind)
    {
        Owner = owner;
        Name = name;
        ElementType = elementType;
        Shape = shape;
        Kind = kind;
    }

    public ElementType ElementType { get; }

    /// <summary>The inferred (or caller-declared) shape; <see cref="Shape.Unranked"/> when not known.</summary>
    public Shape Shape { get; }

    /// <summary>Rank of <see cref="Shape"/>; throws when the rank is unknown.</summary>
    public int Rank => Shape.Rank;

    internal GraphBuilder Owner { get; }

    /// <summary>The ONNX value name; changed only when the value becomes a named graph output.</summary>
    internal string Name { get; set; }

    internal ValueKind Kind { get; }

    /// <summary>The content of a small INT64 constant, kept so Reshape and Expand can infer shapes from it.</summary>
    internal long[]? ConstantInt64 { get; init; }

    /// <summary><c>FLOAT [batch, 4096, 3072] (/transformer/img_in/MatMul/output_0)</c>, for debugging.</summary>
    public override string ToString() => $"{ElementType.OnnxName()} {Shape} ({Name})";
}
