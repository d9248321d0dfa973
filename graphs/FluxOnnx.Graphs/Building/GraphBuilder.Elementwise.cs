namespace FluxOnnx.Graphs.Building;

// Elementwise ops: numpy broadcasting for the binary and ternary ones, shape and type kept by the unary ones.
// Binary ops require both inputs to share one element type (ONNX does too); insert a Cast where they differ.
public sealed partial class GraphBuilder
{
    /// <summary>a + b, broadcast.</summary>
    public Value Add(Value a, Value b) => Binary("Add", a, b);

    /// <summary>a - b, broadcast.</summary>
    public Value Sub(Value a, Value b) => Binary("Sub", a, b);

    /// <summary>a * b, broadcast.</summary>
    public Value Mul(Value a, Value b) => Binary("Mul", a, b);

    /// <summary>a / b, broadcast.</summary>
    public Value Div(Value a, Value b) => Binary("Div", a, b);

    /// <summary>Elementwise maximum of two values, broadcast.</summary>
    public Value Max(Value a, Value b) => Binary("Max", a, b);

    /// <summary>Elementwise minimum of two values, broadcast.</summary>
    public Value Min(Value a, Value b) => Binary("Min", a, b);

    /// <summary>x ^ exponent, broadcast; the exponent may have another numeric type (ONNX Pow allows it).</summary>
    public Value Pow(Value x, Value exponent)
    {
        string node = ReserveNodeName("Pow");
        return AddNode(node, "Pow", [x, exponent], x.ElementType, Broadcasting.Broadcast(node, x.Shape, exponent.Shape));
    }

    /// <summary>a == b, broadcast; the result is BOOL.</summary>
    public Value Equal(Value a, Value b)
    {
        string node = ReserveNodeName("Equal");
        RequireSameType(node, a, b);
        return AddNode(node, "Equal", [a, b], ElementType.Bool, Broadcasting.Broadcast(node, a.Shape, b.Shape));
    }

    /// <summary>condition ? x : y, all three broadcast; <paramref name="condition"/> must be BOOL.</summary>
    public Value Where(Value condition, Value x, Value y)
    {
        string node = ReserveNodeName("Where");
        RequireType(node, condition, ElementType.Bool);
        RequireSameType(node, x, y);
        var shape = Broadcasting.Broadcast(node, condition.Shape, x.Shape, y.Shape);
        return AddNode(node, "Where", [condition, x, y], x.ElementType, shape);
    }

    public Value Sqrt(Value x) => Unary("Sqrt", x);

    public Value Exp(Value x) => Unary("Exp", x);

    public Value Sin(Value x) => Unary("Sin", x);

    public Value Cos(Value x) => Unary("Cos", x);

    public Value Sigmoid(Value x) => Unary("Sigmoid", x);

    public Value Tanh(Value x) => Unary("Tanh", x);

    public Value Erf(Value x) => Unary("Erf", x);

    public Value Neg(Value x) => Unary("Neg", x);

    /// <summary>x converted to <paramref name="to"/>; same shape.</summary>
    public Value Cast(Value x, ElementType to) =>
        AddNode(ReserveNodeName("Cast"), "Cast", [x], to, x.Shape, NodeAttribute.Int("to", (int)to));

    /// <summary>
    /// x clamped to [min, max]; either bound may be null (unbounded). Bounds are scalars of x's element type
    /// (opset 11+ input form).
    /// </summary>
    public Value Clip(Value x, Value? min, Value? max)
    {
        string node = ReserveNodeName("Clip");
        if (min is not null) RequireSameType(node, x, min);
        if (max is not null) RequireSameType(node, x, max);
        return AddNode(node, "Clip", [x, min, max], x.ElementType, x.Shape);
    }

    private Value Unary(string opType, Value x) => AddNode(ReserveNodeName(opType), opType, [x], x.ElementType, x.Shape);

    private Value Binary(string opType, Value a, Value b)
    {
        string node = ReserveNodeName(opType);
        RequireSameType(node, a, b);
        return AddNode(node, opType, [a, b], a.ElementType, Broadcasting.Broadcast(node, a.Shape, b.Shape));
    }

    private static void RequireSameType(string node, Value expected, Value actual) =>
        RequireType(node, actual, expected.ElementType);

    private static void RequireType(string node, Value value, ElementType expected)
    {
        if (value.ElementType != expected)
        {
            throw new ElementTypeMismatchException(node, value.Name, expected, value.ElementType);
        }
    }
}
