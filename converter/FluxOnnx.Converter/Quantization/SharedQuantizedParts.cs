namespace FluxOnnx.Converter.Quantization;

/// <summary>
/// The parts of one quantized weight (payload, scales, zero points), computed together on the first request and
/// dropped once every part was handed out, so a weight is read and quantized once per write and the memory peak
/// is one weight's float32 copy plus its parts.
/// </summary>
internal sealed class SharedQuantizedParts(Func<byte[][]> compute, int partCount)
{
    private readonly object _gate = new();
    private byte[][]? _parts;
    private int _remaining;

    /// <summary>The bytes of part <paramref name="index"/>; owned by the caller from here on.</summary>
    public byte[] Take(int index)
    {
        lock (_gate)
        {
            if (_parts is null)
            {
                _parts = compute();
                _remaining = partCount;
            }
            var bytes = _parts[index];
            if (--_remaining == 0) _parts = null;
            return bytes;
        }
    }
}
