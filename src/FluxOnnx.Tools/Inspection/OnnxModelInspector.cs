using FluxOnnx.Converter.Conversion;
using FluxOnnx.Graphs.Onnx;
using Google.Protobuf;

namespace FluxOnnx.Tools.Inspection;

/// <summary>
/// Reads an ONNX model's protobuf (not its external data) and summarizes it. Initializer sizes come from
/// the external-data <c>length</c> entries or the inline payload, so a 24 GB model is inspected without
/// touching its weights.
/// </summary>
public static class OnnxModelInspector
{
    /// <exception cref="InspectionException">The file is missing or is not a valid ONNX model.</exception>
    public static OnnxModelReport Inspect(string path)
    {
        ModelProto model;
        try
        {
            using var stream = File.OpenRead(path);
            model = ModelProto.Parser.ParseFrom(stream);
        }
        catch (FileNotFoundException e)
        {
            throw new InspectionException(path, "no such file", e);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InspectionException(path, $"not a valid ONNX model ({e.Message})", e);
        }
        if (model.Graph is null || model.IrVersion <= 0)
        {
            throw new InspectionException(path, "not a valid ONNX model (no graph or no IR version)");
        }
        return Summarize(path, model);
    }

    /// <summary>Summarizes an already parsed model.</summary>
    public static OnnxModelReport Summarize(string path, ModelProto model)
    {
        var graph = model.Graph;
        var opCounts = graph.Node
            .GroupBy(n => string.IsNullOrEmpty(n.Domain) || n.Domain == "ai.onnx" ? n.OpType : n.Domain + ":" + n.OpType)
            .Select(g => new KeyValuePair<string, int>(g.Key, g.Count()))
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .ToArray();
        var bytesByType = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var dataFiles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var t in graph.Initializer)
        {
            var type = ((ElementType)t.DataType).Name();
            bytesByType[type] = bytesByType.GetValueOrDefault(type) + PayloadBytes(t, dataFiles);
        }
        return new OnnxModelReport(
            path,
            model.IrVersion,
            ManifestSignatures.Opsets(model),
            string.Join(' ', new[] { model.ProducerName, model.ProducerVersion }.Where(s => !string.IsNullOrEmpty(s))),
            ManifestSignatures.Inputs(graph),
            ManifestSignatures.Outputs(graph),
            opCounts,
            graph.Initializer.Count,
            bytesByType,
            dataFiles.ToArray());
    }

    private static long PayloadBytes(TensorProto t, ISet<string> dataFiles)
    {
        if (t.DataLocation == TensorProto.Types.DataLocation.External)
        {
            long length = 0;
            foreach (var entry in t.ExternalData)
            {
                if (entry.Key == "length")
                {
                    length = long.Parse(entry.Value, System.Globalization.CultureInfo.InvariantCulture);
                }
                else if (entry.Key == "location")
                {
                    dataFiles.Add(entry.Value);
                }
            }
            return length;
        }
        if (!t.RawData.IsEmpty)
        {
            return t.RawData.Length;
        }
        return t.FloatData.Count * 4L + t.Int32Data.Count * 4L + t.Int64Data.Count * 8L + t.DoubleData.Count * 8L + t.Uint64Data.Count * 8L;
    }
}
