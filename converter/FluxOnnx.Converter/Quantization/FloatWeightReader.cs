using System.Runtime.InteropServices;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;

namespace FluxOnnx.Converter.Quantization;

/// <summary>Reads a lazy float32 weight whole, for quantizers that need every row before writing any byte.</summary>
internal static class FloatWeightReader
{
    /// <summary>The weight's values, row-major; the array belongs to the caller.</summary>
    /// <exception cref="ArgumentException">The source is not float32 or not 2-D.</exception>
    public static (float[] Data, int Rows, int Cols) Read2D(ITensorSource source)
    {
        if (source.ElementType != ElementType.Float || source.Dims.Count != 2)
        {
            throw new ArgumentException($"Expected a float32 2-D weight, got {source.ElementType} [{string.Join(", ", source.Dims)}].", nameof(source));
        }
        var bytes = new byte[checked((int)source.ByteLength)];
        using (var stream = new MemoryStream(bytes, writable: true))
        {
            source.WriteTo(stream, CancellationToken.None);
        }
        return (MemoryMarshal.Cast<byte, float>(bytes).ToArray(), checked((int)source.Dims[0]), checked((int)source.Dims[1]));
    }
}
