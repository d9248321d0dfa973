using System.Runtime.InteropServices;
using FluxOnnx.Converter.Checkpoints;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Layers;
using FluxOnnx.Graphs.Tensors;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Converter.Quantization;

/// <summary>
/// The converter's <see cref="ILinearWeightQuantizer"/>: fp8 per output channel (<see cref="Fp8RowQuantizer"/>),
/// reusing a ComfyUI scaled-fp8 checkpoint's payload untouched when it is E4M3FN with a per-tensor or per-row
/// scale; MatMulNBits blocks (<see cref="MatMulNBitsPacking"/>); symmetric int8 per output channel for the dynamic
/// int8 Linear (<see cref="Int8RowQuantizer"/>). Every result is lazy: the weight is read and
/// quantized when the writer asks for the first of its parts.
/// </summary>
public sealed class LinearWeightQuantizer : ILinearWeightQuantizer
{
    public static LinearWeightQuantizer Instance { get; } = new();

    public Fp8LinearWeight Fp8(IWeightSource? source, string name, ITensorSource weight)
    {
        long rows = weight.Dims[0], cols = weight.Dims[1];
        if (source is IQuantizedWeightSource quantized
            && quantized.OpenQuantized(name) is { Payload.ElementType: ElementType.Float8E4M3FN } stored
            && stored.Payload.Dims.SequenceEqual(weight.Dims)
            && BroadcastScaleSource.Fits(stored.Scale.Dims, rows))
        {
            // No dequantize-requantize: the stored codes with their scale are already an fp8 weight.
            return new Fp8LinearWeight(stored.Payload, new BroadcastScaleSource(stored.Scale, rows), ReusedCheckpointPayload: true);
        }
        var parts = new SharedQuantizedParts(() =>
        {
            var (w, r, c) = FloatWeightReader.Read2D(weight);
            return Fp8RowQuantizer.Quantize(w, r, c);
        }, 2);
        return new Fp8LinearWeight(
            new QuantizedPartSource(parts, 0, ElementType.Float8E4M3FN, [rows, cols]),
            new QuantizedPartSource(parts, 1, ElementType.Float, [rows]),
            ReusedCheckpointPayload: false);
    }

    public NBitsLinearWeight NBits(ITensorSource weight, int bits, BlockQuantization blocks)
    {
        long n = weight.Dims[0], k = weight.Dims[1];
        int blockCount = MatMulNBitsPacking.BlockCount(k, blocks.BlockSize);
        var parts = new SharedQuantizedParts(() =>
        {
            var (w, rows, cols) = FloatWeightReader.Read2D(weight);
            var (packed, scales, zeroPoints) = MatMulNBitsPacking.Quantize(w, rows, cols, bits, blocks);
            return [packed, MemoryMarshal.AsBytes(scales.AsSpan()).ToArray(), zeroPoints ?? []];
        }, blocks.Symmetric ? 2 : 3);
        return new NBitsLinearWeight(
            new QuantizedPartSource(parts, 0, ElementType.UInt8, [n, blockCount, blocks.BlockSize * bits / 8]),
            new QuantizedPartSource(parts, 1, ElementType.Float, [n, blockCount]),
            blocks.Symmetric ? null : new QuantizedPartSource(parts, 2, ElementType.UInt8, [n, (blockCount * bits + 7) / 8]));
    }

    public Int8ChannelLinearWeight Int8PerChannel(ITensorSource weight)
    {
        long rows = weight.Dims[0], cols = weight.Dims[1];
        var parts = new SharedQuantizedParts(() =>
        {
            var (w, r, c) = FloatWeightReader.Read2D(weight);
            return Int8RowQuantizer.Quantize(w, r, c);
        }, 2);
        return new Int8ChannelLinearWeight(
            new QuantizedPartSource(parts, 0, ElementType.Int8, [rows, cols]),
            new QuantizedPartSource(parts, 1, ElementType.Float, [rows]));
    }
}
