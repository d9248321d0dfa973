using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using FluxOnnx.Converter.Numerics;

namespace FluxOnnx.Converter.Safetensors;

/// <summary>
/// Streams a safetensors file: every tensor is declared up front (the header comes first and holds all
/// offsets), then the bytes follow tensor by tensor in <see cref="WriteOrder"/>, each checked against its
/// declared size. Output goes to a temp file beside the destination and is renamed into place by
/// <see cref="Complete"/>; disposing without completing deletes the temp file and leaves the destination alone.
/// </summary>
/// <remarks>
/// The header is compact JSON (<c>__metadata__</c> first when present), padded with spaces so the data section
/// starts on an 8-byte boundary. Element bytes are written as given (little-endian is the caller's duty).
/// Not thread-safe.
/// </remarks>
public sealed class SafetensorsWriter : IDisposable
{
    private const int BufferBytes = 1 << 20;

    private readonly string _tempPath;
    private readonly long[] _byteLengths;
    private FileStream? _stream;
    private int _next;
    private int _current = -1;
    private long _currentWritten;
    private bool _completed;

    private SafetensorsWriter(string filePath, string tempPath, List<SafetensorsTensorDeclaration> order, long[] byteLengths, FileStream stream)
    {
        FilePath = filePath;
        _tempPath = tempPath;
        WriteOrder = order;
        _byteLengths = byteLengths;
        _stream = stream;
    }

    /// <summary>The destination path.</summary>
    public string FilePath { get; }

    /// <summary>The declarations in the order their bytes must be written (the data-section layout).</summary>
    public IReadOnlyList<SafetensorsTensorDeclaration> WriteOrder { get; }

    /// <summary>The tensor whose bytes come next, or null when all are written.</summary>
    public string? NextTensorName => _current >= 0 ? WriteOrder[_current].Name : _next < WriteOrder.Count ? WriteOrder[_next].Name : null;

    /// <summary>Validates the declarations, creates the temp file and writes the header.</summary>
    /// <param name="path">Destination; replaced on <see cref="Complete"/> if it exists.</param>
    /// <param name="tensors">Every tensor the file will hold.</param>
    /// <param name="metadata">Optional <c>__metadata__</c> (string → string).</param>
    /// <param name="order">Data-section layout; see <see cref="SafetensorsTensorOrder"/>.</param>
    /// <exception cref="SafetensorsWriteException"><see cref="SafetensorsWriteError.InvalidDeclaration"/> or
    /// <see cref="SafetensorsWriteError.HeaderTooLarge"/>; no file is created.</exception>
    public static SafetensorsWriter Create(string path, IEnumerable<SafetensorsTensorDeclaration> tensors,
        IReadOnlyDictionary<string, string>? metadata = null,
        SafetensorsTensorOrder order = SafetensorsTensorOrder.AlignedByItemSizeThenName)
    {
        string fullPath = Path.GetFullPath(path);
        List<SafetensorsTensorDeclaration> declared = [.. tensors];
        long[] sizes = Validate(fullPath, declared);
        var sized = declared.Select((t, i) => (Tensor: t, Bytes: sizes[i])).ToList();
        if (order == SafetensorsTensorOrder.AlignedByItemSizeThenName)
        {
            sized = [.. sized.OrderByDescending(p => p.Tensor.DType.ByteSize()).ThenBy(p => p.Tensor.Name, StringComparer.Ordinal)];
        }
        List<SafetensorsTensorDeclaration> layout = [.. sized.Select(p => p.Tensor)];
        long[] layoutSizes = [.. sized.Select(p => p.Bytes)];
        byte[] header = BuildHeader(fullPath, layout, layoutSizes, metadata);

        string tempPath = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferBytes);
        try
        {
            Span<byte> prefix = stackalloc byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
            stream.Write(prefix);
            stream.Write(header);
        }
        catch
        {
            stream.Dispose();
            File.Delete(tempPath);
            throw;
        }
        return new SafetensorsWriter(fullPath, tempPath, layout, layoutSizes, stream);
    }

    /// <summary>Starts the bytes of <paramref name="name"/>, which must be <see cref="NextTensorName"/>.</summary>
    /// <exception cref="SafetensorsWriteException"><see cref="SafetensorsWriteError.OutOfOrder"/>.</exception>
    public void BeginTensor(string name)
    {
        EnsureOpen();
        if (_current >= 0 || _next >= WriteOrder.Count || WriteOrder[_next].Name != name)
        {
            throw new SafetensorsWriteException(SafetensorsWriteError.OutOfOrder, FilePath, name,
                _current >= 0 ? $"'{WriteOrder[_current].Name}' is still being written" : "tensors must be written in WriteOrder",
                NextTensorName ?? "no more tensors", name);
        }
        _current = _next++;
        _currentWritten = 0;
    }

    /// <summary>Appends bytes to the tensor begun by <see cref="BeginTensor"/>.</summary>
    /// <exception cref="SafetensorsWriteException"><see cref="SafetensorsWriteError.OutOfOrder"/> with no tensor begun;
    /// <see cref="SafetensorsWriteError.ByteCountMismatch"/> when the tensor would grow past its size (nothing is written).</exception>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        EnsureOpen();
        if (_current < 0)
        {
            throw new SafetensorsWriteException(SafetensorsWriteError.OutOfOrder, FilePath, null,
                "no tensor has been begun", NextTensorName, "bytes with no tensor");
        }
        long declared = _byteLengths[_current];
        if (bytes.Length > declared - _currentWritten)
        {
            throw new SafetensorsWriteException(SafetensorsWriteError.ByteCountMismatch, FilePath, WriteOrder[_current].Name,
                "more bytes than the declaration implies", $"{declared} bytes", $"at least {_currentWritten + bytes.Length} bytes");
        }
        _stream!.Write(bytes);
        _currentWritten += bytes.Length;
    }

    /// <summary>Finishes the current tensor.</summary>
    /// <exception cref="SafetensorsWriteException"><see cref="SafetensorsWriteError.ByteCountMismatch"/> if it is short.</exception>
    public void EndTensor()
    {
        EnsureOpen();
        if (_current < 0)
        {
            throw new SafetensorsWriteException(SafetensorsWriteError.OutOfOrder, FilePath, null, "no tensor has been begun");
        }
        long declared = _byteLengths[_current];
        if (_currentWritten != declared)
        {
            throw new SafetensorsWriteException(SafetensorsWriteError.ByteCountMismatch, FilePath, WriteOrder[_current].Name,
                "fewer bytes than the declaration implies", $"{declared} bytes", $"{_currentWritten} bytes");
        }
        _current = -1;
    }

    /// <summary>Writes a whole tensor: <see cref="BeginTensor"/>, <see cref="Write"/>, <see cref="EndTensor"/>.</summary>
    public void WriteTensor(string name, ReadOnlySpan<byte> bytes)
    {
        BeginTensor(name);
        Write(bytes);
        EndTensor();
    }

    /// <summary>Writes a whole tensor from typed elements (their in-memory, little-endian bytes).</summary>
    public void WriteTensor<T>(string name, ReadOnlySpan<T> values) where T : unmanaged =>
        WriteTensor(name, MemoryMarshal.AsBytes(values));

    /// <summary>Flushes to disk and renames the temp file onto <see cref="FilePath"/> (replacing it).</summary>
    /// <exception cref="SafetensorsWriteException"><see cref="SafetensorsWriteError.Incomplete"/> when tensors are missing.</exception>
    public void Complete()
    {
        EnsureOpen();
        if (_current >= 0 || _next < WriteOrder.Count)
        {
            throw new SafetensorsWriteException(SafetensorsWriteError.Incomplete, FilePath, NextTensorName,
                "not every declared tensor was written", $"{WriteOrder.Count} tensors", $"{(_current >= 0 ? _current : _next)} complete");
        }
        _stream!.Flush(flushToDisk: true);
        _stream.Dispose();
        _stream = null;
        File.Move(_tempPath, FilePath, overwrite: true);
        _completed = true;
    }

    /// <summary>Closes the file; without a successful <see cref="Complete"/>, deletes the temp file.</summary>
    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
        if (!_completed)
        {
            File.Delete(_tempPath);
            _completed = true; // idempotent
        }
    }

    private void EnsureOpen()
    {
        ObjectDisposedException.ThrowIf(_stream is null, this);
    }

    private static long[] Validate(string filePath, List<SafetensorsTensorDeclaration> declared)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var sizes = new long[declared.Count];
        for (int i = 0; i < declared.Count; i++)
        {
            SafetensorsTensorDeclaration t = declared[i];
            if (t.Name == SafetensorsHeaderParser.MetadataKey || !names.Add(t.Name))
            {
                throw new SafetensorsWriteException(SafetensorsWriteError.InvalidDeclaration, filePath, t.Name,
                    "the name is reserved or declared twice");
            }
            try
            {
                long elements = 1;
                foreach (long dim in t.Shape)
                {
                    ArgumentOutOfRangeException.ThrowIfNegative(dim);
                    elements = checked(elements * dim);
                }
                sizes[i] = checked(elements * t.DType.ByteSize());
            }
            catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
            {
                throw new SafetensorsWriteException(SafetensorsWriteError.InvalidDeclaration, filePath, t.Name,
                    "the shape needs non-negative dimensions and a byte size below 2^63", "valid shape", t.ShapeText);
            }
        }
        return sizes;
    }

    private static byte[] BuildHeader(string filePath, List<SafetensorsTensorDeclaration> layout, long[] sizes,
        IReadOnlyDictionary<string, string>? metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(SafetensorsHeaderParser.MetadataKey);
                foreach ((string key, string value) in metadata)
                {
                    json.WriteString(key, value);
                }
                json.WriteEndObject();
            }
            long offset = 0;
            for (int i = 0; i < layout.Count; i++)
            {
                json.WriteStartObject(layout[i].Name);
                json.WriteString("dtype", layout[i].DType.SafetensorsName());
                json.WriteStartArray("shape");
                foreach (long dim in layout[i].Shape)
                {
                    json.WriteNumberValue(dim);
                }
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + sizes[i]);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += sizes[i];
            }
            json.WriteEndObject();
        }
        int padded = (buffer.WrittenCount + 7) / 8 * 8; // 8 + padded is then a multiple of 8
        if (padded > SafetensorsFile.MaxHeaderLength)
        {
            throw new SafetensorsWriteException(SafetensorsWriteError.HeaderTooLarge, filePath, null,
                "the header is too large", $"≤ {SafetensorsFile.MaxHeaderLength} bytes", $"{padded} bytes");
        }
        byte[] header = new byte[padded];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }
}
