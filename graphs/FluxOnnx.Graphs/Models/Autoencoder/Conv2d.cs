using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Graphs.Models.Autoencoder;

/// <summary>
/// torch.nn.Conv2d with bias, square kernel: <c>{name}.weight</c> [out, in, k, k] and <c>{name}.bias</c> [out]
/// taken in their stored layout (ONNX Conv uses PyTorch's OIHW layout as is).
/// </summary>
internal static class Conv2d
{
    /// <summary>
    /// Applies the convolution <paramref name="name"/> of <paramref name="parent"/> to x [B, in, H, W] →
    /// [B, out, H', W'], its nodes under the graph scope <paramref name="name"/>. <paramref name="pads"/> is ONNX
    /// order [top, left, bottom, right].
    /// </summary>
    public static Value Apply(WeightScope parent, string name, Value x, long inChannels, long outChannels, long kernel,
        long stride = 1, long[]? pads = null)
    {
        using var scope = parent.Enter(name);
        var weight = scope.Float("weight", outChannels, inChannels, kernel, kernel);
        var bias = scope.Float("bias", outChannels);
        return scope.Builder.Conv(x, weight, bias, strides: [stride, stride], pads: pads ?? [0, 0, 0, 0]);
    }

    /// <summary>The size-preserving 3×3 convolution (stride 1, padding 1) used throughout the autoencoder.</summary>
    public static Value Same3x3(WeightScope parent, string name, Value x, long inChannels, long outChannels) =>
        Apply(parent, name, x, inChannels, outChannels, kernel: 3, pads: [1, 1, 1, 1]);

    /// <summary>A 1×1 convolution: a per-pixel linear map (attention q/k/v/proj_out, ResnetBlock nin_shortcut).</summary>
    public static Value Pointwise(WeightScope parent, string name, Value x, long inChannels, long outChannels) =>
        Apply(parent, name, x, inChannels, outChannels, kernel: 1);
}
