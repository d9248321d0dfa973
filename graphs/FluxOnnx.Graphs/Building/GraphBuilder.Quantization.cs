namespace FluxOnnx.Graphs.Building;

// Quantized weights: com.microsoft MatMulNBits for 4/8-bit blockwise weights, the standard
// Quantize/DequantizeLinear pair (FLOAT8E4M3FN weights, per-axis and blocked scales), and the dynamic int8 pair
// DynamicQuantizeLinear + MatMulInteger.
public sealed partial class GraphBuilder
{
    /// <summary>
    /// DynamicQuantizeLinear (opset 11): float x to UINT8 with a per-tensor scale and zero point chosen from x's
    /// range at run time: scale = (max(0, max x) − min(0, min x)) / 255, zeroPoint = saturate(round(−min(0, min x) / scale)),
    /// codes = saturate(round(x / scale) + zeroPoint), rounding half to even. Codes keep x's shape; scale and zero
    /// point are scalars.
    /// </summary>
    public DynamicQuantized DynamicQuantizeLinear(Value x)
    {
        string node = ReserveNodeName("DynamicQuantizeLinear");
        RequireType(node, x, ElementType.Float);
        RequireOnnxOpset("DynamicQuantizeLinear", 11);
        var outputs = AddNode(node, "DynamicQuantizeLinear", "", [x], [],
            [new TensorType(ElementType.UInt8, x.Shape), new TensorType(ElementType.Float, new Shape()), new TensorType(ElementType.UInt8, new Shape())]);
        return new DynamicQuantized(outputs[0], outputs[1], outputs[2]);
    }

    /// <summary>
    /// MatMulInteger (opset 10): (a − aZeroPoint) × (b − bZeroPoint) accumulated in INT32, numpy matmul shapes
    /// ([..., M, K] × [K, N] → [..., M, N]). a and b are UINT8 or INT8; a zero point has its operand's type (a
    /// scalar, or per row of a / per column of b); null means 0.
    /// </summary>
    public Value MatMulInteger(Value a, Value b, Value? aZeroPoint = null, Value? bZeroPoint = null)
    {
        string node = ReserveNodeName("MatMulInteger");
        foreach (var operand in new[] { a, b })
        {
            if (operand.ElementType is not (ElementType.UInt8 or ElementType.Int8))
            {
                throw new ElementTypeMismatchException(node, operand.Name, ElementType.UInt8, operand.ElementType);
            }
        }
        if (aZeroPoint is not null) RequireSameType(node, a, aZeroPoint);
        if (bZeroPoint is not null) RequireSameType(node, b, bZeroPoint);
        RequireOnnxOpset("MatMulInteger", 10);
        return AddNode(node, "MatMulInteger", "", [a, b, aZeroPoint, bZeroPoint], [],
            [new TensorType(ElementType.Int32, MatMulShapes.Infer(node, a.Shape, b.Shape))])[0];
    }

    /// <summary>
    /// com.microsoft MatMulNBits: a [..., K] times a blockwise-quantized weight of logical shape [K, N] → [..., N]
    /// in a's element type.
    /// <code>
    ///   b           UINT8 [N, ceil(K / blockSize), blockSize · bits / 8]   (packed, low nibble first for 4 bits)
    ///   scales      a's type [N · ceil(K / blockSize)]
    ///   zeroPoints  UINT8 packed like b, or a's type [N · ceil(K / blockSize)]; null means the midpoint
    /// </code>
    /// Throws <see cref="ShapeMismatchException"/> when a's last dim or b's fixed dims contradict K, N and the
    /// block layout. <paramref name="accuracyLevel"/> is the minimum compute precision (0 unset, 1 fp32,
    /// 2 fp16, 3 bf16, 4 int8).
    /// </summary>
    public Value MatMulNBits(Value a, Value b, Value scales, Value? zeroPoints, long k, long n, long bits = 4,
        long blockSize = 32, long accuracyLevel = 0)
    {
        string node = ReserveNodeName("MatMulNBits");
        RequireType(node, b, ElementType.UInt8);
        RequireSameType(node, a, scales);
        long blocks = (k + blockSize - 1) / blockSize;
        var expectedB = new Shape(n, blocks, blockSize * bits / 8);
        if (b.Shape.IsRanked && (b.Rank != 3 || b.Shape.Zip(expectedB).Any(p => p.First.IsFixed && p.First != p.Second)))
        {
            throw new ShapeMismatchException(node, expectedB, b.Shape, "packed weight does not match K, N, bits and block size");
        }
        if (a.Shape.IsRanked && a.Shape[-1].IsFixed && a.Shape[-1].Size != k)
        {
            throw new ShapeMismatchException(node, a.Shape.With(-1, k), a.Shape, $"activation's last dim is not K = {k}");
        }
        var shape = a.Shape.IsRanked ? a.Shape.With(-1, n) : Shape.Unranked;
        NodeAttribute[] attributes =
        [
            NodeAttribute.Int("K", k), NodeAttribute.Int("N", n), NodeAttribute.Int("bits", bits),
            NodeAttribute.Int("block_size", blockSize), NodeAttribute.Int("accuracy_level", accuracyLevel),
        ];
        return AddNode(node, "MatMulNBits", MicrosoftDomain, [a, b, scales, zeroPoints], attributes,
            [new TensorType(a.ElementType, shape)])[0];
    }

    /// <summary>
    /// DequantizeLinear: (x - zeroPoint) · scale, same shape as x, in scale's element type (or
    /// <paramref name="outputType"/>, opset 23). Per-tensor with a scalar scale; per-axis with a 1-D scale along
    /// <paramref name="axis"/>; blocked (opset 21) with <paramref name="blockSize"/> &gt; 0 and a scale shaped like
    /// x except ceil(dim / blockSize) on <paramref name="axis"/>. FLOAT8E4M3FN x needs opset 19.
    /// </summary>
    public Value DequantizeLinear(Value x, Value scale, Value? zeroPoint = null, int axis = 1, long blockSize = 0,
        ElementType? outputType = null)
    {
        string node = ReserveNodeName("DequantizeLinear");
        RequireOnnxOpset("DequantizeLinear", QuantOpset(x.ElementType, blockSize, outputType));
        if (zeroPoint is not null) RequireSameType(node, x, zeroPoint);
        var attributes = QuantAttributes(axis, blockSize, outputType);
        return AddNode(node, "DequantizeLinear", "", [x, scale, zeroPoint], attributes,
            [new TensorType(outputType ?? scale.ElementType, x.Shape)])[0];
    }

    /// <summary>
    /// QuantizeLinear: saturate(round(x / scale) + zeroPoint), same shape as x. The output type is zeroPoint's
    /// type, else <paramref name="outputType"/> (opset 21), else UINT8. Scale layouts as in
    /// <see cref="DequantizeLinear"/>.
    /// </summary>
    public Value QuantizeLinear(Value x, Value scale, Value? zeroPoint = null, int axis = 1, long blockSize = 0,
        ElementType? outputType = null)
    {
        string node = ReserveNodeName("QuantizeLinear");
        var type = zeroPoint?.ElementType ?? outputType ?? ElementType.UInt8;
        if (zeroPoint is not null && outputType is { } requested && requested != type)
        {
            throw new ElementTypeMismatchException(node, zeroPoint.Name, requested, type);
        }
        RequireOnnxOpset("QuantizeLinear", Math.Max(QuantOpset(type, blockSize, null), outputType is null ? 0 : 21));
        var attributes = QuantAttributes(axis, blockSize, zeroPoint is null ? outputType : null);
        return AddNode(node, "QuantizeLinear", "", [x, scale, zeroPoint], attributes, [new TensorType(type, x.Shape)])[0];
    }

    private static long QuantOpset(ElementType quantized, long blockSize, ElementType? outputType)
    {
        long since = 13;
        if (quantized is ElementType.Float8E4M3FN or ElementType.Float8E4M3FNUZ or ElementType.Float8E5M2
            or ElementType.Float8E5M2FNUZ) since = 19;
        if (quantized is ElementType.Int4 or ElementType.UInt4 or ElementType.Int16 or ElementType.UInt16 || blockSize > 0)
            since = 21;
        if (outputType is not null) since = 23;
        return since;
    }

    private static List<NodeAttribute> QuantAttributes(int axis, long blockSize, ElementType? outputType)
    {
        var attributes = new List<NodeAttribute> { NodeAttribute.Int("axis", axis) };
        if (blockSize > 0) attributes.Add(NodeAttribute.Int("block_size", blockSize));
        if (outputType is { } t) attributes.Add(NodeAttribute.Int("output_dtype", (int)t));
        return attributes;
    }
}
