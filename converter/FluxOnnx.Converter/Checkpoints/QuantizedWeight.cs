using FluxOnnx.Graphs.Tensors;

namespace FluxOnnx.Converter.Checkpoints;

/// <summary>
/// A scaled-fp8 weight as stored, for a path that keeps fp8 without requantizing: the dequantized weight is
/// W = float(<see cref="Payload"/>) × <see cref="Scale"/> (broadcast along the first axis when per-channel).
/// All three sources are lazy, like <see cref="Graphs.Weights.IWeightSource.Open"/>.
/// </summary>
/// <param name="Name">The reference name of the weight.</param>
/// <param name="Payload">The fp8 bytes unchanged (Float8E4M3FN or Float8E5M2), in the reference shape.</param>
/// <param name="Scale">The weight scale as float32, shaped as stored: <c>[]</c>/<c>[1]</c> per tensor, <c>[rows]</c> or <c>[rows, 1]</c> per channel.</param>
/// <param name="InputScale">The activation scale as float32 (ComfyUI <c>scale_input</c> / <c>input_scale</c>), or null.</param>
public sealed record QuantizedWeight(string Name, ITensorSource Payload, ITensorSource Scale, ITensorSource? InputScale);
