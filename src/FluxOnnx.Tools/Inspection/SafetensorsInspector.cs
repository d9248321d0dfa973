using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Converter.Numerics;

namespace FluxOnnx.Tools.Inspection;

/// <summary>Summarizes a safetensors file or a sharded <c>*.safetensors.index.json</c>, validating it fully on the way.</summary>
public static class SafetensorsInspector
{
    /// <exception cref="SafetensorsFormatException">The file is malformed (the reason says how).</exception>
    public static SafetensorsReport Inspect(string path)
    {
        using ISafetensorsSource file = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? ShardedSafetensors.Open(path)
            : SafetensorsFile.Open(path);
        var tensors = file.Tensors
            .Select(t => new TensorEntry(t.Name, t.DType.SafetensorsName(), t.Shape.ToArray(), t.ByteLength))
            .ToArray();
        var byType = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var t in tensors)
        {
            byType[t.ElementType] = byType.GetValueOrDefault(t.ElementType) + t.Bytes;
        }
        return new SafetensorsReport(path, tensors, new Dictionary<string, string>(file.Metadata), file.TotalTensorBytes, byType);
    }
}
