using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.Autoencoder;

/// <summary>flux <c>autoencoder.py</c> <c>ResnetBlock</c>: two norm-swish-conv stages and a residual.</summary>
internal static class ResnetBlock
{
    /// <summary>
    /// <code>
    ///  x [B, in, H, W] ─────────────────────────────┐
    ///    norm1 (GroupNorm 32), swish                 │
    ///    conv1 3×3              [B, out, H, W]       │  nin_shortcut 1×1 when in ≠ out
    ///    norm2 (GroupNorm 32), swish                 │
    ///    conv2 3×3              [B, out, H, W]       │
    ///    + ◄─────────────────────────────────────────┘
    /// </code>
    /// </summary>
    public static Value Apply(WeightScope scope, Value x, long inChannels, long outChannels)
    {
        var g = scope.Builder;
        var h = GroupNorm.Apply(scope, "norm1", x, inChannels);
        h = GroupNorm.Swish(g, h);
        h = Conv2d.Same3x3(scope, "conv1", h, inChannels, outChannels);
        h = GroupNorm.Apply(scope, "norm2", h, outChannels);
        h = GroupNorm.Swish(g, h);
        h = Conv2d.Same3x3(scope, "conv2", h, outChannels, outChannels);
        var shortcut = inChannels == outChannels
            ? x
            : Conv2d.Pointwise(scope, "nin_shortcut", x, inChannels, outChannels);
        return g.Add(shortcut, h);
    }
}
