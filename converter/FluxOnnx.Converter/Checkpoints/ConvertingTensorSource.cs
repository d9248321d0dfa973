using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;
using FluxOnnx.Converter.Numerics;

namespace FluxOnnx.Converter.Checkpoints;

/// <summary>
/// One checkpoint tensor, streamed from the memory-mapped file and converted to the element type the graph
/// stores, block by block at write time (bounded memory: one block of floats, never the whole tensor).
/// Same-type tensors are copied byte for byte.
/// </summary>
public sealed class ConvertingTensorSource : ITensorSource
{
    private const int BlockElements = 1 << 20;
    private readonly ISafetensorsSource _file;
    private readonly string _name;
    private readonly ElementType _stored;

    /// <param name="file">The open checkpoint; it must stay open until the model is written.</param>
    /// <param name="name">The tensor's name inside <paramref name="file"/>.</param>
    /// <param name="elementType">The element type to write: float32, float16 or bfloat16, or the stored type.</param>
    public ConvertingTensorSource(ISafetensorsSource file, string name, ElementType elementType)
    {
        var info = file.GetInfo(name);
        _file = file;
        _name = name;
        _stored = info.DType;
        ElementType = elementType;
        Dims = info.Shape.ToArray();
        ByteLength = elementType.ByteLength(info.ElementCount);
        if (_stored != elementType && !(info.DType.IsFloatingPoint() && elementType is ElementType.Float or ElementType.Float16 or ElementType.BFloat16))
        {
            throw new CheckpointException(file.FilePath, name,
                $"cannot convert {info.DType.SafetensorsName()} to {elementType.OnnxName()}");
        }
    }

    public ElementType ElementType { get; }

    public IReadOnlyList<long> Dims { get; }

    public long ByteLength { get; }

    public void WriteTo(Stream destination, CancellationToken cancellationToken)
    {
        if (_stored == ElementType)
        {
            _file.CopyTo(_name, destination, cancellationToken);
            return;
        }
        var count = _file.GetInfo(_name).ElementCount;
        var floats = new float[(int)Math.Min(BlockElements, count)];
        var bits = ElementType == ElementType.Float ? null : new ushort[floats.Length];
        for (long done = 0; done < count; done += floats.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = (int)Math.Min(floats.Length, count - done);
            var block = floats.AsSpan(0, n);
            _file.ReadAsFloat32(_name, done, block);
            ReadOnlySpan<byte> payload;
            switch (ElementType)
            {
                case ElementType.Float:
                    payload = System.Runtime.InteropServices.MemoryMarshal.AsBytes(block);
                    break;
                case ElementType.Float16:
                    Float16Conversion.FromSingle(block, bits.AsSpan(0, n));
                    payload = System.Runtime.InteropServices.MemoryMarshal.AsBytes(bits.AsSpan(0, n));
                    break;
                default:
                    BFloat16Conversion.FromSingle(block, bits.AsSpan(0, n));
                    payload = System.Runtime.InteropServices.MemoryMarshal.AsBytes(bits.AsSpan(0, n));
                    break;
            }
            destination.Write(payload);
        }
    }
}
