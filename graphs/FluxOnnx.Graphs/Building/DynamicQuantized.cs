namespace FluxOnnx.Graphs.Building;

/// <summary>
/// The three outputs of ONNX DynamicQuantizeLinear on x: <see cref="Codes"/> UINT8 shaped like x, and the scalar
/// float <see cref="Scale"/> and UINT8 <see cref="ZeroPoint"/> it chose (x ≈ (codes − zeroPoint) · scale).
/// </summary>
public sealed record DynamicQuantized(Value Codes, Value Scale, Value ZeroPoint);
