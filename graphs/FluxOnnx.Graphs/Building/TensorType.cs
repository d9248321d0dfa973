namespace FluxOnnx.Graphs.Building;

/// <summary>Element type and shape declared by the caller for an output whose shape the builder cannot infer.</summary>
public readonly record struct TensorType(ElementType ElementType, Shape Shape);
