using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.Autoencoder;

/// <summary>
/// flux <c>autoencoder.py</c> <c>Downsample</c>: zero-pad one row at the bottom and one column at the right
/// (<c>F.pad(x, (0, 1, 0, 1))</c>), then a 3×3 stride-2 conv. The asymmetric padding is the Conv's own
/// <c>pads = [0, 0, 1, 1]</c> (top, left, bottom, right), which is the same zero padding without a Pad node.
/// </summary>
internal static class Downsample
{
    /// <summary>x [B, C, H, W] → [B, C, ⌊(H − 2) / 2⌋ + 1 (= H/2 for even H), same for W].</summary>
    public static Value Apply(WeightScope scope, Value x, long channels) =>
        Conv2d.Apply(scope, "conv", x, channels, channels, kernel: 3, stride: 2, pads: [0, 0, 1, 1]);
}
