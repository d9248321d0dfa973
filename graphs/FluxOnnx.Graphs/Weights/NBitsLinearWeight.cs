using FluxOnnx.Graphs.Tensors;

namespace FluxOnnx.Graphs.Weights;

/// <summary>
/// A MatMulNBits weight (onnxruntime <c>docs/ContribOperators.md</c>):
/// <code>
///   Packed      UINT8 [N, blocks, blockSize · bits / 8]   4 bits: low nibble first
///   Scales      FLOAT [N, blocks]
///   ZeroPoints  UINT8 [N, ceil(blocks · bits / 8)]         null when symmetric (midpoint 2^(bits−1))
/// </code>
/// </summary>
public sealed record NBitsLinearWeight(ITensorSource Packed, ITensorSource Scales, ITensorSource? ZeroPoints);
