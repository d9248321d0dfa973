using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Layers;

/// <summary>
/// torch.nn.Linear: y = x·Wᵀ + b with W stored [out, in]. This is the single emission point for every
/// projection in every model, so precision variants (fp16, fp8 DequantizeLinear, MatMulNBits) are decided here
/// by the scope's <see cref="WeightPolicy"/>, never by a second copy of a model.
/// </summary>
public static class Linear
{
    /// <summary>
    /// Applies <c>{scope}.weight</c> [out, in] and, when <paramref name="bias"/> is true, <c>{scope}.bias</c> [out]
    /// to <paramref name="x"/> [..., in] → [..., out]. The node names live under the builder's current scope.
    /// </summary>
    public static Value Apply(WeightScope scope, Value x, long inFeatures, long outFeatures, bool bias = true)
    {
        var g = scope.Builder;
        // W [out, in] stored transposed as [in, out] so the MatMul needs no Transpose node.
        var w = scope.Float("weight", [outFeatures, inFeatures], s => new Transposed2DTensorSource(s));
        var y = g.MatMul(x, w); // [..., out]
        if (bias)
        {
            y = g.Add(y, scope.Float("bias", outFeatures));
        }
        return y;
    }
}
