using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.Autoencoder;

/// <summary>
/// The reference's <c>nn.GroupNorm(num_groups=32, num_channels=C, eps=1e-6, affine=True)</c> as one ONNX
/// GroupNormalization (opset 21: per-channel scale and bias), followed where the reference applies it by swish.
/// </summary>
internal static class GroupNorm
{
    /// <summary>
    /// Normalizes x [B, C, H, W] with <c>{name}.weight</c> [C] and <c>{name}.bias</c> [C], nodes under graph scope
    /// <paramref name="name"/>.
    /// </summary>
    public static Value Apply(WeightScope parent, string name, Value x, long channels)
    {
        using var scope = parent.Enter(name);
        return scope.Builder.GroupNormalization(x, scope.Float("weight", channels), scope.Float("bias", channels),
            AutoencoderConfig.NormGroups, AutoencoderConfig.NormEpsilon);
    }

    /// <summary>swish(x) = x · sigmoid(x) (flux <c>autoencoder.py</c> <c>swish</c>), in the current graph scope.</summary>
    public static Value Swish(GraphBuilder g, Value x) => g.Mul(x, g.Sigmoid(x));
}
