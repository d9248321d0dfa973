namespace FluxOnnx.Converter.Safetensors;

/// <summary>
/// Walks a tensor's bytes as consecutive spans of at most a chosen size, so tensors past int.MaxValue bytes
/// (a 24 GB checkpoint's largest weights can be) stream without a single oversized span. Use with
/// <c>foreach (ReadOnlySpan&lt;byte&gt; chunk in file.GetChunks(name))</c>.
/// </summary>
/// <remarks>
/// The spans point into the reader's memory map: valid only until the reader that produced this value is
/// disposed, and never to be written through.
/// </remarks>
public unsafe ref struct TensorByteChunks
{
    private readonly byte* _start;
    private readonly long _length;
    private readonly int _chunkBytes;
    private long _position;
    private int _currentLength;

    internal TensorByteChunks(byte* start, long length, int chunkBytes)
    {
        _start = start;
        _length = length;
        _chunkBytes = chunkBytes;
        _position = 0;
        _currentLength = -1;
    }

    /// <summary>The chunk the last <see cref="MoveNext"/> reached.</summary>
    public readonly ReadOnlySpan<byte> Current => new(_start + _position, _currentLength);

    /// <summary>Advances to the next chunk; false once the tensor is exhausted (a zero-byte tensor has no chunks).</summary>
    public bool MoveNext()
    {
        if (_currentLength >= 0)
        {
            _position += _currentLength;
        }
        long remaining = _length - _position;
        if (remaining <= 0)
        {
            _currentLength = 0;
            return false;
        }
        _currentLength = (int)Math.Min(remaining, _chunkBytes);
        return true;
    }

    /// <summary>Lets <c>foreach</c> consume this value directly.</summary>
    public readonly TensorByteChunks GetEnumerator() => this;
}
