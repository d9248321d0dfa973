namespace FluxOnnx.Graphs.Building;

// Dense and convolutional ops plus the activations and reductions model code uses around them.
public sealed partial class GraphBuilder
{
    /// <summary>
    /// Numpy matmul: [..., M, K] × [..., K, N] → [..., M, N], batch dims broadcast. Model code emits linear layers
    /// through its own Linear helper (the one precision emission point), which calls this.
    /// </summary>
    public Value MatMul(Value a, Value b)
    {
        string node = ReserveNodeName("MatMul");
        RequireSameType(node, a, b);
        return AddNode(node, "MatMul", [a, b], a.ElementType, MatMulShapes.Infer(node, a.Shape, b.Shape));
    }

    /// <summary>Softmax along <paramref name="axis"/> (opset 13 semantics: that axis only).</summary>
    public Value Softmax(Value x, int axis = -1) =>
        AddNode(ReserveNodeName("Softmax"), "Softmax", [x], x.ElementType, x.Shape, NodeAttribute.Int("axis", axis));

    /// <summary>
    /// GELU (opset 20). <paramref name="approximate"/> is <c>"none"</c> (erf) or <c>"tanh"</c> (FLUX's
    /// <c>nn.GELU(approximate="tanh")</c> in the MLPs).
    /// </summary>
    public Value Gelu(Value x, string approximate = "none")
    {
        if (approximate is not ("none" or "tanh"))
        {
            throw new ArgumentException($"Gelu approximate must be \"none\" or \"tanh\", not \"{approximate}\".", nameof(approximate));
        }
        RequireOnnxOpset("Gelu", 20);
        return AddNode(ReserveNodeName("Gelu"), "Gelu", [x], x.ElementType, x.Shape, NodeAttribute.String("approximate", approximate));
    }

    /// <summary>Mean over <paramref name="axes"/> (opset-18 input form); reduced dims become 1 or vanish.</summary>
    public Value ReduceMean(Value x, long[] axes, bool keepDims = true)
    {
        Shape shape = Shape.Unranked;
        if (x.Shape.IsRanked)
        {
            var reduced = axes.Select(a => x.Shape.NormalizeAxis((int)a)).ToHashSet();
            shape = keepDims
                ? new Shape(x.Shape.Select((d, i) => reduced.Contains(i) ? 1 : d))
                : new Shape(x.Shape.Where((_, i) => !reduced.Contains(i)));
        }
        return AddNode(ReserveNodeName("ReduceMean"), "ReduceMean", [x, Constant(axes)], x.ElementType, shape,
            NodeAttribute.Int("keepdims", keepDims ? 1 : 0));
    }

    /// <summary>
    /// 2-D convolution. x [N, C, H, W], weight [M, C/groups, kH, kW], optional bias [M] → [N, M, H', W'] with
    /// H' = (H + padTop + padBottom - dilation·(kH-1) - 1) / stride + 1 (floor). <paramref name="pads"/> is ONNX
    /// order [top, left, bottom, right]; symbolic H/W give unknown output dims unless kernel, stride 1 and pads
    /// preserve size (a 3×3, pad 1 conv keeps <c>"height"</c>).
    /// </summary>
    public Value Conv(Value x, Value weight, Value? bias = null, long[]? strides = null, long[]? pads = null,
        long[]? dilations = null, long groups = 1)
    {
        string node = ReserveNodeName("Conv");
        RequireSameType(node, x, weight);
        strides ??= [1, 1];
        pads ??= [0, 0, 0, 0];
        dilations ??= [1, 1];
        Shape shape = Shape.UnknownOfRank(4);
        if (x.Shape.IsRanked && weight.Shape.IsRanked)
        {
            var dims = new Dim[] { x.Shape[0], weight.Shape[0], Dim.Unknown, Dim.Unknown };
            for (int i = 0; i < 2; i++)
            {
                Dim input = x.Shape[2 + i], kernel = weight.Shape[2 + i];
                if (kernel.Size is not { } k) continue;
                long extra = pads[i] + pads[i + 2] - dilations[i] * (k - 1) - 1;
                if (input.Size is { } n) dims[2 + i] = (n + extra) / strides[i] + 1;
                else if (strides[i] == 1 && extra == -1) dims[2 + i] = input;
            }
            shape = new Shape(dims);
        }
        NodeAttribute[] attributes =
        [
            NodeAttribute.Ints("strides", strides), NodeAttribute.Ints("pads", pads),
            NodeAttribute.Ints("dilations", dilations), NodeAttribute.Int("group", groups),
        ];
        return AddNode(node, "Conv", "", [x, weight, bias], attributes, [new TensorType(x.ElementType, shape)])[0];
    }

    /// <summary>
    /// Nearest-neighbour resize by per-axis <paramref name="scales"/> (one per input axis, e.g. [1, 1, 2, 2]).
    /// Uses <c>coordinate_transformation_mode=asymmetric</c>, <c>nearest_mode=floor</c>, which matches PyTorch's
    /// <c>F.interpolate(mode="nearest")</c> used by the autoencoder's upsampler. Integer scales multiply
    /// symbolic dims (<c>"height*2"</c>).
    /// </summary>
    public Value ResizeNearest(Value x, params float[] scales)
    {
        Shape shape = Shape.Unranked;
        if (x.Shape.IsRanked)
        {
            shape = new Shape(x.Shape.Select((d, i) => d.Size is { } n
                ? (Dim)(long)Math.Floor(n * (double)scales[i])
                : scales[i] == MathF.Floor(scales[i]) ? d * (long)scales[i] : Dim.Unknown));
        }
        NodeAttribute[] attributes =
        [
            NodeAttribute.String("mode", "nearest"),
            NodeAttribute.String("coordinate_transformation_mode", "asymmetric"),
            NodeAttribute.String("nearest_mode", "floor"),
        ];
        return AddNode(ReserveNodeName("Resize"), "Resize", "", [x, null, Constant(scales)], attributes,
            [new TensorType(x.ElementType, shape)])[0];
    }
}
