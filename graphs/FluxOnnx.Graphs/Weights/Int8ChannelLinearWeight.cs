using FluxOnnx.Graphs.Tensors;

namespace FluxOnnx.Graphs.Weights;

/// <summary>
/// A dynamic-int8 Linear weight, symmetric per output channel: W[o, i] ≈ Codes[o, i] · Scale[o], zero point 0.
/// <code>
///   Codes  INT8  [out, in]   torch's layout, in [−127, 127]
///   Scale  FLOAT [out]       max |W[o, :]| / 127 (1 for an all-zero row)
/// </code>
/// </summary>
public sealed record Int8ChannelLinearWeight(ITensorSource Codes, ITensorSource Scale);
