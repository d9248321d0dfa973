using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.Autoencoder;

/// <summary>
/// flux <c>autoencoder.py</c> <c>Upsample</c>: nearest-neighbour ×2 (<c>F.interpolate(scale_factor=2.0,
/// mode="nearest")</c>), then a 3×3 conv.
/// </summary>
internal static class Upsample
{
    /// <summary>x [B, C, H, W] → [B, C, 2H, 2W].</summary>
    public static Value Apply(WeightScope scope, Value x, long channels)
    {
        var g = scope.Builder;
        var h = g.ResizeNearest(x, 1f, 1f, 2f, 2f); // [B, C, 2H, 2W]
        return Conv2d.Same3x3(scope, "conv", h, channels, channels);
    }
}
