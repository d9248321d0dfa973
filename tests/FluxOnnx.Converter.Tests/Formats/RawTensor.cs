using System.Collections.Immutable;
using System.Runtime.InteropServices;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Converter.Numerics;

namespace FluxOnnx.Converter.Tests.Formats;

/// <summary>A whole tensor in memory, for re-laying the small fixture checkpoints in other formats.</summary>
internal sealed record RawTensor(string Name, ElementType DType, long[] Shape, byte[] Bytes)
{
    public long Rows => Shape.Length == 0 ? 1 : Shape[0];

    public long RowBytes => Bytes.Length / Rows;

    public RawTensor Renamed(string name) => this with { Name = name };

    /// <summary>Rows [first, first + count) of the first axis.</summary>
    public RawTensor SliceRows(string name, long first, long count) =>
        new(name, DType, [count, .. Shape.Skip(1)], Bytes.AsSpan((int)(first * RowBytes), (int)(count * RowBytes)).ToArray());

    public static RawTensor Floats(string name, long[] shape, float[] values) =>
        new(name, ElementType.Float, shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    public static List<RawTensor> Load(string path)
    {
        using var file = SafetensorsFile.Open(path);
        return [.. file.Tensors.Select(t => new RawTensor(t.Name, t.DType, [.. t.Shape], file.GetBytes(t.Name).ToArray()))];
    }

    public static void Save(string path, IEnumerable<RawTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var list = tensors.ToList();
        using var writer = SafetensorsWriter.Create(path,
            list.Select(t => new SafetensorsTensorDeclaration(t.Name, t.DType, ImmutableArray.Create(t.Shape))), metadata);
        var byName = list.ToDictionary(t => t.Name);
        foreach (var declaration in writer.WriteOrder)
        {
            writer.WriteTensor(declaration.Name, byName[declaration.Name].Bytes.AsSpan());
        }
        writer.Complete();
    }

    /// <summary>The tensor decoded to float32 (exact for every float dtype the fixtures use).</summary>
    public float[] ToFloats()
    {
        var values = new float[Bytes.Length / DType.ByteSize()];
        TensorDecoding.ToSingle(DType, Bytes, values);
        return values;
    }
}
