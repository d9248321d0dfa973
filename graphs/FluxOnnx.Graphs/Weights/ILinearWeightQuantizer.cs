using FluxOnnx.Graphs.Tensors;

namespace FluxOnnx.Graphs.Weights;

/// <summary>
/// Turns a Linear weight into a quantized payload, lazily: nothing is read or computed before the model writer
/// asks for bytes. Implemented by the converter (<c>FluxOnnx.Converter.Quantization</c>), so graph code never
/// holds quantization maths; <c>Layers.QuantizedLinear</c> emits the ops that consume the results.
/// </summary>
public interface ILinearWeightQuantizer
{
    /// <summary>
    /// E4M3FN payload [out, in] with a float32 scale [out] (W ≈ float(payload) · scale per row).
    /// <paramref name="source"/> and <paramref name="name"/> let an implementation reuse a checkpoint's own fp8
    /// payload (ComfyUI scaled fp8) instead of requantizing <paramref name="weight"/>.
    /// </summary>
    /// <param name="source">The checkpoint view the weight came from, or null.</param>
    /// <param name="name">The weight's reference name in <paramref name="source"/>.</param>
    /// <param name="weight">The float32 weight [out, in] as stored.</param>
    Fp8LinearWeight Fp8(IWeightSource? source, string name, ITensorSource weight);

    /// <summary>MatMulNBits payload of <paramref name="weight"/> [out, in] (N = out, K = in) with <paramref name="bits"/> 4 or 8.</summary>
    NBitsLinearWeight NBits(ITensorSource weight, int bits, BlockQuantization blocks);

    /// <summary>INT8 codes [out, in], symmetric per output channel, with a float32 scale [out] (W ≈ codes · scale per row).</summary>
    /// <param name="weight">The float32 weight [out, in] as stored.</param>
    Int8ChannelLinearWeight Int8PerChannel(ITensorSource weight);
}
