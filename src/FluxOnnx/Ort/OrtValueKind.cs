namespace FluxOnnx.Ort;

/// <summary>ORT's <c>ONNXType</c>: what kind of value a graph input, output or <see cref="OrtValue"/> holds.</summary>
public enum OrtValueKind
{
    Unknown = 0,
    Tensor = 1,
    Sequence = 2,
    Map = 3,
    Opaque = 4,
    SparseTensor = 5,
    Optional = 6,
}
