using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Layers;

/// <summary>
/// torch.nn.Linear: y = x·Wᵀ + b with W stored [out, in]. This is the single emission point for every
/// projection in every model, so precision variants (bf16 + Cast, fp8 DequantizeLinear, MatMulNBits, dynamic int8) are decided
/// here by the scope's <see cref="WeightPolicy"/>, never by a second copy of a model. Scopes marked
/// <see cref="WeightScope.NotQuantized"/> always take the float path. (fp16 activations are the float16 pass's
/// business, after building.)
/// </summary>
public static class Linear
{
    /// <summary>
    /// Applies <c>{scope}.weight</c> [out, in] and, when <paramref name="bias"/> is true, <c>{scope}.bias</c> [out]
    /// to <paramref name="x"/> [..., in] → [..., out]. The node names live under the builder's current scope.
    /// <code>
    ///   Float          x ─MatMul(W [in, out])────────────────────────────────┐
    ///   BFloat16       x ─MatMul(Cast(W bf16 [in, out]) → float)──────────────┤
    ///   Float8E4M3FN   x ─MatMul(DequantizeLinear(W fp8 [in, out], s [out]))──┼─(+ bias)─► [..., out]
    ///   Int8/Int4      x ─MatMulNBits(W packed [out, blocks, blob], s, zp)────┤
    ///   Int8Dynamic    x ─DynamicQuantizeLinear─MatMulInteger(W s8 [in, out])─Cast─Mul(x_s · w_s [out])─┘
    /// </code>
    /// </summary>
    public static Value Apply(WeightScope scope, Value x, long inFeatures, long outFeatures, bool bias = true)
    {
        var g = scope.Builder;
        var format = scope.Quantizable ? scope.Policy.Linear : LinearWeightFormat.Float;
        Value y;
        if (format == LinearWeightFormat.Float)
        {
            // W [out, in] stored transposed as [in, out] so the MatMul needs no Transpose node.
            var w = scope.Float("weight", [outFeatures, inFeatures], s => new Transposed2DTensorSource(s));
            y = g.MatMul(x, w); // [..., out]
        }
        else
        {
            y = QuantizedLinear.Project(scope, x, inFeatures, outFeatures, format); // [..., out]
        }
        if (scope.Policy.LoraSlots is { } slots && slots.Targets(scope.Prefix))
        {
            y = LowRankSlot.Apply(scope, x, y, inFeatures, outFeatures, slots.Rank); // + (x·A)·B, run-time LoRA
        }
        if (bias)
        {
            y = g.Add(y, scope.Float("bias", outFeatures));
        }
        return y;
    }
}
