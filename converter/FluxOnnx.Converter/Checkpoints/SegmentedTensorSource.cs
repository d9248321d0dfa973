using System.Runtime.InteropServices;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;
using FluxOnnx.Converter.Numerics;

namespace FluxOnnx.Converter.Checkpoints;

/// <summary>
/// The tensor a <see cref="WeightRecipe"/> describes, streamed at write time: the segments are read in order
/// through one bounded block (at most <see cref="BlockElements"/> floats plus one block of 16-bit results), each
/// dequantized when it has a scale, and converted to <see cref="ElementType"/>. When no segment has a scale and
/// every stored type already is the requested one, bytes are copied unchanged. Nothing is read before
/// <see cref="WriteTo"/> (or <see cref="ReadFloats"/>).
/// </summary>
internal sealed class SegmentedTensorSource : ITensorSource
{
    internal const int BlockElements = 1 << 20;
    private const int CopyBytes = 4 << 20;

    private readonly WeightRecipe _recipe;
    private readonly bool _raw;
    private readonly Dictionary<string, float[]> _scales = new(StringComparer.Ordinal);

    /// <exception cref="CheckpointException">A stored type cannot be converted to <paramref name="elementType"/>,
    /// or a scaled fp8 weight was asked for as fp8 (use <see cref="IQuantizedWeightSource.OpenQuantized"/>).</exception>
    public SegmentedTensorSource(WeightRecipe recipe, ElementType elementType)
    {
        _recipe = recipe;
        ElementType = elementType;
        Dims = recipe.Dims;
        long count = recipe.Dims.Aggregate(1L, (n, d) => n * d);
        ByteLength = elementType.ByteLength(count);
        _raw = recipe.Segments.All(s => s.Tensor.ScaleName is null && s.Tensor.Info.DType == elementType);
        bool convertible = elementType is ElementType.Float or ElementType.Float16 or ElementType.BFloat16
            && recipe.Segments.All(s => s.Tensor.Info.DType.IsFloatingPoint());
        if (!_raw && !convertible)
        {
            var first = recipe.Segments[0].Tensor;
            throw new CheckpointException(first.File.FilePath, first.StoredName,
                $"cannot provide '{recipe.ReferenceName}' as {elementType.OnnxName()} from {first.Info.DType.SafetensorsName()}"
                + (first.ScaleName is null ? "" : " with a scale (ask for a float type, or for the raw payload through OpenQuantized)"));
        }
    }

    public ElementType ElementType { get; }

    public IReadOnlyList<long> Dims { get; }

    public long ByteLength { get; }

    public void WriteTo(Stream destination, CancellationToken cancellationToken)
    {
        if (_raw)
        {
            CopyRaw(destination, cancellationToken);
            return;
        }
        long count = _recipe.Segments.Sum(s => s.Count);
        var floats = new float[(int)Math.Min(BlockElements, Math.Max(count, 1))];
        var bits = ElementType == ElementType.Float ? null : new ushort[floats.Length];
        for (long done = 0; done < count; done += floats.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = (int)Math.Min(floats.Length, count - done);
            Span<float> block = floats.AsSpan(0, n);
            ReadFloats(done, block);
            switch (ElementType)
            {
                case ElementType.Float:
                    destination.Write(MemoryMarshal.AsBytes(block));
                    break;
                case ElementType.Float16:
                    Float16Conversion.FromSingle(block, bits.AsSpan(0, n));
                    destination.Write(MemoryMarshal.AsBytes(bits.AsSpan(0, n)));
                    break;
                default:
                    BFloat16Conversion.FromSingle(block, bits.AsSpan(0, n));
                    destination.Write(MemoryMarshal.AsBytes(bits.AsSpan(0, n)));
                    break;
            }
        }
    }

    /// <summary>
    /// Decodes <c>destination.Length</c> elements of the reference tensor starting at <paramref name="firstElement"/>
    /// to float32, dequantized (float(payload) × scale, one float32 multiply per element).
    /// </summary>
    public void ReadFloats(long firstElement, Span<float> destination)
    {
        long position = 0;
        foreach (TensorSegment segment in _recipe.Segments)
        {
            if (destination.IsEmpty)
            {
                return;
            }
            long end = position + segment.Count;
            if (firstElement < end)
            {
                long offset = firstElement - position;
                int n = (int)Math.Min(destination.Length, segment.Count - offset);
                Span<float> part = destination[..n];
                StoredTensor tensor = segment.Tensor;
                long start = segment.FirstElement + offset;
                tensor.File.ReadAsFloat32(tensor.StoredName, start, part);
                if (tensor.ScaleName is not null)
                {
                    ApplyScale(tensor, start, part);
                }
                destination = destination[n..];
                firstElement += n;
            }
            position = end;
        }
    }

    private void ApplyScale(StoredTensor tensor, long start, Span<float> values)
    {
        if (!_scales.TryGetValue(tensor.ScaleName!, out float[]? scale))
        {
            scale = new float[tensor.File.GetInfo(tensor.ScaleName!).ElementCount];
            tensor.File.ReadAsFloat32(tensor.ScaleName!, scale);
            _scales[tensor.ScaleName!] = scale;
        }
        if (scale.Length == 1)
        {
            float s = scale[0];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] *= s;
            }
            return;
        }
        long rowLength = tensor.ElementCount / tensor.Rows;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] *= scale[(start + i) / rowLength];
        }
    }

    private void CopyRaw(Stream destination, CancellationToken cancellationToken)
    {
        foreach (TensorSegment segment in _recipe.Segments)
        {
            StoredTensor tensor = segment.Tensor;
            int itemSize = tensor.Info.DType.ByteSize();
            long start = segment.FirstElement * itemSize;
            long end = start + segment.Count * itemSize;
            var buffer = new byte[(int)Math.Min(CopyBytes, Math.Max(end - start, 1))];
            for (long at = start; at < end; at += CopyBytes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunk = buffer.AsSpan(0, (int)Math.Min(CopyBytes, end - at));
                tensor.File.ReadBytes(tensor.StoredName, at, chunk); // positional read: keeps the pages out of the mapping
                destination.Write(chunk);
            }
        }
    }
}
