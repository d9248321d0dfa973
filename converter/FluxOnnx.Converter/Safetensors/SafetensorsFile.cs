using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using FluxOnnx.Converter.Numerics;

namespace FluxOnnx.Converter.Safetensors;

/// <summary>
/// A validated, read-only, memory-mapped safetensors file. <see cref="Open"/> checks the whole header (see
/// <see cref="SafetensorsFormatError"/> for every rule) before anything is handed out; tensor bytes are then
/// served as spans straight from the map, never copied.
/// </summary>
/// <remarks>
/// <para>Ownership: the instance owns the map and a pointer acquired from its view handle; <see cref="Dispose"/>
/// releases both, after which every span obtained from it is dangling. Keep the file open for as long as any
/// span, <see cref="TensorByteChunks"/> or <c>TryGet</c> view is in use.</para>
/// <para>Layout: 8-byte little-endian header length N, N bytes of UTF-8 JSON, then the data section; offsets in
/// the header are relative to the data section. Tensors must tile the data section exactly, as in the reference
/// reader. Element bytes are little-endian, so this type requires a little-endian host.</para>
/// </remarks>
public sealed unsafe class SafetensorsFile : ISafetensorsSource
{
    /// <summary>Largest accepted header (the reference reader's <c>MAX_HEADER_SIZE</c>, 100 MB).</summary>
    public const long MaxHeaderLength = 100_000_000;

    private const int CopyChunkBytes = 16 << 20;
    private const int DecodeBlockElements = 1 << 20;

    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    // A second handle for positional reads: streaming through it keeps pages out of this process's mapped
    // (resident) memory, so converting a 24 GB checkpoint does not grow the working set by 24 GB.
    // Opened on first use, so a file rejected while its header is validated holds no extra handle.
    private Microsoft.Win32.SafeHandles.SafeFileHandle? _reads;
    private readonly Dictionary<string, SafetensorsTensorInfo> _byName;
    private byte* _base;

    private SafetensorsFile(string filePath, MemoryMappedFile map, MemoryMappedViewAccessor view, byte* pointer, long fileLength)
    {
        FilePath = filePath;
        _map = map;
        _view = view;
        _base = pointer;
        FileLength = fileLength;

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(pointer, 8));
        if (headerLength > MaxHeaderLength)
        {
            throw new SafetensorsFormatException(SafetensorsFormatError.HeaderTooLarge, filePath,
                "the header length is implausibly large", expected: $"≤ {MaxHeaderLength} bytes", actual: $"{headerLength} bytes");
        }
        if (headerLength > (ulong)(fileLength - 8))
        {
            throw new SafetensorsFormatException(SafetensorsFormatError.HeaderLengthExceedsFile, filePath,
                "the header length runs past the end of the file",
                expected: $"≤ {fileLength - 8} bytes (file is {fileLength})", actual: $"{headerLength} bytes");
        }
        HeaderLength = (long)headerLength;
        DataSectionOffset = 8 + HeaderLength;
        var header = new ReadOnlySpan<byte>(pointer + 8, (int)headerLength);
        var (tensors, metadata) = SafetensorsHeaderParser.Parse(header, filePath, DataSectionOffset, fileLength - DataSectionOffset);
        Tensors = tensors;
        Metadata = metadata;
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        TotalTensorBytes = tensors.Sum(t => t.ByteLength);
        LargestTensorBytes = tensors.Count == 0 ? 0 : tensors.Max(t => t.ByteLength);
    }

    /// <summary>Full path of the mapped file.</summary>
    public string FilePath { get; }

    /// <summary>File size in bytes.</summary>
    public long FileLength { get; }

    /// <summary>The JSON header's byte length N (without the 8-byte prefix; includes any padding).</summary>
    public long HeaderLength { get; }

    /// <summary>Where the data section starts in the file: 8 + N.</summary>
    public long DataSectionOffset { get; }

    /// <inheritdoc />
    public IReadOnlyList<SafetensorsTensorInfo> Tensors { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <inheritdoc />
    public long TotalTensorBytes { get; }

    /// <inheritdoc />
    public long LargestTensorBytes { get; }

    /// <summary>Maps and validates a safetensors file.</summary>
    /// <exception cref="SafetensorsFormatException">The file breaks a format rule (nothing stays mapped).</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static SafetensorsFile Open(string path)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Safetensors data is little-endian; this host is not.");
        }
        string fullPath = Path.GetFullPath(path);
        var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        long length = stream.Length;
        if (length < 8)
        {
            stream.Dispose();
            throw new SafetensorsFormatException(SafetensorsFormatError.FileTooShort, fullPath,
                "the file cannot hold the 8-byte header length", expected: "≥ 8 bytes", actual: $"{length} bytes");
        }
        MemoryMappedFile? map = null;
        MemoryMappedViewAccessor? view = null;
        byte* pointer = null;
        try
        {
            map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            return new SafetensorsFile(fullPath, map, view, pointer + view.PointerOffset, length);
        }
        catch
        {
            if (pointer != null)
            {
                view!.SafeMemoryMappedViewHandle.ReleasePointer();
            }
            view?.Dispose();
            if (map is null)
            {
                stream.Dispose();
            }
            map?.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <inheritdoc />
    public bool TryGetInfo(string name, [NotNullWhen(true)] out SafetensorsTensorInfo? info) => _byName.TryGetValue(name, out info);

    /// <inheritdoc />
    public SafetensorsTensorInfo GetInfo(string name) => _byName.TryGetValue(name, out var info)
        ? info
        : throw new SafetensorsAccessException(SafetensorsAccessError.TensorNotFound, FilePath, name,
            $"no such tensor among {_byName.Count}");

    /// <inheritdoc />
    public ReadOnlySpan<byte> GetBytes(string name)
    {
        SafetensorsTensorInfo info = GetInfo(name);
        if (info.ByteLength > int.MaxValue)
        {
            throw new SafetensorsAccessException(SafetensorsAccessError.TooLargeForSpan, FilePath, name,
                "the tensor is too large for one span; use GetChunks or CopyTo", $"≤ {int.MaxValue} bytes", $"{info.ByteLength} bytes");
        }
        return Bytes(info, 0, (int)info.ByteLength);
    }

    /// <inheritdoc />
    public ReadOnlySpan<byte> GetBytes(string name, long start, int length)
    {
        SafetensorsTensorInfo info = GetInfo(name);
        if (start < 0 || length < 0 || start > info.ByteLength - length)
        {
            throw new SafetensorsAccessException(SafetensorsAccessError.RangeOutOfBounds, FilePath, name,
                "the byte range lies outside the tensor", $"within [0, {info.ByteLength})", $"[{start}, {start + length})");
        }
        return Bytes(info, start, length);
    }

    /// <inheritdoc />
    public TensorByteChunks GetChunks(string name, int maxChunkBytes = 1 << 30)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxChunkBytes);
        SafetensorsTensorInfo info = GetInfo(name);
        return new TensorByteChunks(Base + info.FileOffset, info.ByteLength, maxChunkBytes);
    }

    /// <inheritdoc />
    public void CopyTo(string name, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        SafetensorsTensorInfo info = GetInfo(name);
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(CopyChunkBytes, Math.Max(info.ByteLength, 1)));
        try
        {
            for (long at = 0; at < info.ByteLength; at += buffer.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunk = buffer.AsSpan(0, (int)Math.Min(buffer.Length, info.ByteLength - at));
                ReadBytes(name, at, chunk);
                destination.Write(chunk);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public void ReadBytes(string name, long start, Span<byte> destination)
    {
        SafetensorsTensorInfo info = GetInfo(name);
        if (start < 0 || start > info.ByteLength - destination.Length)
        {
            throw new SafetensorsAccessException(SafetensorsAccessError.RangeOutOfBounds, FilePath, name,
                "the byte range lies outside the tensor", $"within [0, {info.ByteLength})", $"[{start}, {start + destination.Length})");
        }
        ObjectDisposedException.ThrowIf(_base == null, this);
        long offset = info.FileOffset + start;
        for (int done = 0; done < destination.Length;)
        {
            int n = RandomAccess.Read(ReadHandle, destination[done..], offset + done);
            if (n == 0)
            {
                throw new SafetensorsFormatException(SafetensorsFormatError.FileTooShort, FilePath,
                    $"the file ended while reading tensor '{name}'", expected: $"{offset + destination.Length} bytes", actual: $"{offset + done} bytes");
            }
            done += n;
        }
    }

    /// <inheritdoc />
    public void ReadAsFloat32(string name, long firstElement, Span<float> destination)
    {
        SafetensorsTensorInfo info = GetInfo(name);
        if (!info.DType.IsFloatingPoint())
        {
            throw new SafetensorsAccessException(SafetensorsAccessError.DTypeMismatch, FilePath, name,
                "only floating-point tensors convert to float32", "F64, F32, F16, BF16, F8_E4M3 or F8_E5M2", info.DType.SafetensorsName());
        }
        if (firstElement < 0 || firstElement > info.ElementCount - destination.Length)
        {
            throw new SafetensorsAccessException(SafetensorsAccessError.RangeOutOfBounds, FilePath, name,
                "the element range lies outside the tensor", $"within [0, {info.ElementCount})",
                $"[{firstElement}, {firstElement + destination.Length})");
        }
        int itemSize = info.DType.ByteSize();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, Math.Min(DecodeBlockElements, destination.Length) * itemSize));
        try
        {
            for (int done = 0; done < destination.Length; done += DecodeBlockElements)
            {
                int count = Math.Min(DecodeBlockElements, destination.Length - done);
                Span<byte> source = buffer.AsSpan(0, count * itemSize);
                ReadBytes(name, (firstElement + done) * itemSize, source);
                TensorDecoding.ToSingle(info.DType, source, destination.Slice(done, count));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public void ReadAsFloat32(string name, Span<float> destination)
    {
        SafetensorsTensorInfo info = GetInfo(name);
        if (destination.Length != info.ElementCount)
        {
            throw new SafetensorsAccessException(SafetensorsAccessError.RangeOutOfBounds, FilePath, name,
                "the destination must hold exactly the tensor's elements", $"{info.ElementCount} elements", $"{destination.Length} elements");
        }
        ReadAsFloat32(name, 0, destination);
    }

    /// <inheritdoc />
    public bool TryGet<T>(string name, out ReadOnlySpan<T> values) where T : unmanaged
    {
        values = default;
        if (!_byName.TryGetValue(name, out var info) || !ElementTypes.TryGetElementTypeOf<T>(out ElementType dtype)
            || dtype != info.DType || info.ByteLength > int.MaxValue)
        {
            return false;
        }
        values = MemoryMarshal.Cast<byte, T>(Bytes(info, 0, (int)info.ByteLength));
        return true;
    }

    /// <summary>Unmaps the file. Every span obtained from this instance becomes invalid.</summary>
    public void Dispose()
    {
        if (_base != null)
        {
            _base = null;
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
        }
        _view.Dispose();
        _map.Dispose();
        _reads?.Dispose();
    }

    private Microsoft.Win32.SafeHandles.SafeFileHandle ReadHandle
    {
        get
        {
            if (_reads is null)
            {
                var handle = File.OpenHandle(FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
                if (Interlocked.CompareExchange(ref _reads, handle, null) is not null)
                {
                    handle.Dispose();
                }
            }
            return _reads!;
        }
    }

    private byte* Base
    {
        get
        {
            ObjectDisposedException.ThrowIf(_base == null, this);
            return _base;
        }
    }

    private ReadOnlySpan<byte> Bytes(SafetensorsTensorInfo info, long start, int length) =>
        new(Base + info.FileOffset + start, length);
}
