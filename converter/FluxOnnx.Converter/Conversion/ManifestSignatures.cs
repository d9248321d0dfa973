using FluxOnnx.Graphs.Onnx;
using FluxOnnx.Packaging;

namespace FluxOnnx.Converter.Conversion;

/// <summary>The manifest form of a written graph's inputs and outputs (what the runtime checks before it runs).</summary>
public static class ManifestSignatures
{
    /// <summary>The manifest form of a graph input or output: name, element type name, dims (numbers or symbols).</summary>
    public static TensorSignature Of(ValueInfoProto info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var tensor = info.Type?.TensorType;
        var shape = tensor?.Shape?.Dim.Select(d => d.ValueCase switch
        {
            TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue => d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam => d.DimParam,
            _ => "?",
        }).ToArray() ?? [];
        return new TensorSignature(info.Name, (ElementType)(tensor?.ElemType ?? 0), shape);
    }

    /// <summary>Graph inputs that are not initializers.</summary>
    public static TensorSignature[] Inputs(GraphProto graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var initializerNames = new HashSet<string>(graph.Initializer.Select(t => t.Name), StringComparer.Ordinal);
        return graph.Input.Where(i => !initializerNames.Contains(i.Name)).Select(Of).ToArray();
    }

    /// <summary>Graph outputs.</summary>
    public static TensorSignature[] Outputs(GraphProto graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return graph.Output.Select(Of).ToArray();
    }

    /// <summary>Opset imports: domain ("" = ai.onnx) to version.</summary>
    public static Dictionary<string, long> Opsets(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.OpsetImport.ToDictionary(o => o.Domain, o => o.Version);
    }
}
