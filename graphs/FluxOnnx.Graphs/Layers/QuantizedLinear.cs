using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Layers;

/// <summary>
/// The non-float branches of <see cref="Linear"/>: x [..., in] times a weight stored in a narrower format.
/// Initializer names keep the reference name for the payload (<c>double_blocks.0.img_attn.qkv.weight</c>) and
/// add one suffix segment for its companions (<c>..weight_scale</c>, <c>..weight_zero_point</c>).
/// </summary>
internal static class QuantizedLinear
{
    public static Value Project(WeightScope scope, Value x, long inFeatures, long outFeatures, LinearWeightFormat format)
    {
        var g = scope.Builder;
        var policy = scope.Policy;
        switch (format)
        {
            case LinearWeightFormat.BFloat16:
            {
                // bf16 bytes on disk; the Cast of an initializer is folded into a float32 initializer at session
                // init, so memory at run time is fp32's (tests/Precision checks the fold).
                var (name, source) = scope.TakeSource("weight", ElementType.BFloat16, outFeatures, inFeatures);
                var w = g.Initializer(name, new Transposed2DTensorSource(source));              // [in, out] bf16
                return g.MatMul(x, g.Cast(w, ElementType.Float));
            }
            case LinearWeightFormat.Float8E4M3FN:
            {
                var quantizer = RequireQuantizer(scope, format);
                var (name, source) = scope.TakeSource("weight", ElementType.Float, outFeatures, inFeatures);
                var q = quantizer.Fp8(scope.Checkpoint, name, source);
                var payload = g.Initializer(name, new Transposed2DTensorSource(q.Payload));      // [in, out] fp8
                var scale = g.Initializer(name + "_scale", q.Scale);                             // [out]
                if (policy.ActivationCalibration is { } calibration)
                {
                    // Static activation Q/DQ (TensorRT fp8): per-tensor scale amax/448, E4M3FN zero point 0.
                    var xScale = g.Constant(ActivationCalibration.ScaleFor(calibration.AmaxOf(scope.Prefix)));
                    var zeroPoint = g.Constant(new byte[] { 0 }, [], ElementType.Float8E4M3FN);
                    x = g.DequantizeLinear(g.QuantizeLinear(x, xScale, zeroPoint), xScale, zeroPoint);   // [..., in]
                }
                return g.MatMul(x, g.DequantizeLinear(payload, scale, axis: 1));                 // [..., out]
            }
            case LinearWeightFormat.Int8Blocks:
            case LinearWeightFormat.Int4Blocks:
            {
                var quantizer = RequireQuantizer(scope, format);
                int bits = format == LinearWeightFormat.Int8Blocks ? 8 : 4;
                var blocks = policy.Blocks;
                blocks.Validate();
                var (name, source) = scope.TakeSource("weight", ElementType.Float, outFeatures, inFeatures);
                var q = quantizer.NBits(source, bits, blocks);
                var packed = g.Initializer(name, q.Packed);                                      // [N, blocks, blob] u8
                var scales = g.Initializer(name + "_scale", q.Scales);                           // [N, blocks]
                var zeroPoints = q.ZeroPoints is null ? null : g.Initializer(name + "_zero_point", q.ZeroPoints);
                return g.MatMulNBits(x, packed, scales, zeroPoints, inFeatures, outFeatures, bits, blocks.BlockSize,
                    blocks.AccuracyLevel);                                                       // [..., out]
            }
            case LinearWeightFormat.Int8Dynamic:
            {
                // x [..., in] ─DynamicQuantizeLinear─► x_u8 [..., in], x_scale [], x_zp []
                // x_u8 ─MatMulInteger(W_s8 [in, out], x_zp)─► int32 [..., out] ─Cast─► float ─Mul(x_scale · w_scale [out])─► [..., out]
                // (ORT CPU fuses the chain into DynamicQuantizeMatMul.)
                var quantizer = RequireQuantizer(scope, format);
                var (name, source) = scope.TakeSource("weight", ElementType.Float, outFeatures, inFeatures);
                var q = quantizer.Int8PerChannel(source);
                var codes = g.Initializer(name, new Transposed2DTensorSource(q.Codes));          // [in, out] s8
                var weightScale = g.Initializer(name + "_scale", q.Scale);                       // [out]
                var xq = g.DynamicQuantizeLinear(x);                                             // [..., in] u8
                var product = g.MatMulInteger(xq.Codes, codes, xq.ZeroPoint);                    // [..., out] int32
                return g.Mul(g.Cast(product, ElementType.Float), g.Mul(xq.Scale, weightScale));  // [..., out]
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }

    private static ILinearWeightQuantizer RequireQuantizer(WeightScope scope, LinearWeightFormat format) =>
        scope.Policy.Quantizer ?? throw new QuantizerRequiredException(scope.Prefix, format);
}
