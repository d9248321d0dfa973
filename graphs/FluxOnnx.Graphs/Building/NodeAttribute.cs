using FluxOnnx.Graphs.Onnx;
using Google.Protobuf;

namespace FluxOnnx.Graphs.Building;

/// <summary>
/// One ONNX node attribute, typed at construction: <c>NodeAttribute.Int("axis", -1)</c>,
/// <c>NodeAttribute.Float("epsilon", 1e-6f)</c>, <c>NodeAttribute.String("mode", "nearest")</c>,
/// <c>NodeAttribute.Ints("perm", 0, 2, 1, 3)</c>, <c>NodeAttribute.Floats(...)</c>.
/// </summary>
public sealed class NodeAttribute
{
    private NodeAttribute(AttributeProto proto) => Proto = proto;

    public string Name => Proto.Name;

    internal AttributeProto Proto { get; }

    public static NodeAttribute Int(string name, long value) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value });

    public static NodeAttribute Float(string name, float value) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value });

    public static NodeAttribute String(string name, string value) =>
        new(new AttributeProto
        {
            Name = name,
            Type = AttributeProto.Types.AttributeType.String,
            S = ByteString.CopyFromUtf8(value),
        });

    public static NodeAttribute Ints(string name, params long[] values)
    {
        var proto = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        proto.Ints.AddRange(values);
        return new NodeAttribute(proto);
    }

    public static NodeAttribute Floats(string name, params float[] values)
    {
        var proto = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats };
        proto.Floats.AddRange(values);
        return new NodeAttribute(proto);
    }

    public override string ToString() => Proto.ToString();
}
