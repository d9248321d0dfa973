using System.Diagnostics.CodeAnalysis;

namespace FluxOnnx.Converter.Safetensors;

/// <summary>
/// Read access to a set of named tensors stored in safetensors form: one file (<see cref="SafetensorsFile"/>)
/// or a sharded checkpoint (<see cref="ShardedSafetensors"/>). Every span handed out points into a memory
/// map owned by the source: valid until the source is disposed, read-only, never copied.
/// </summary>
/// <remarks>Thread-safe for concurrent reads; disposing while reads are in flight is the caller's bug.</remarks>
public interface ISafetensorsSource : IDisposable
{
    /// <summary>Where the tensors came from (the file, or the index of a sharded checkpoint).</summary>
    string FilePath { get; }

    /// <summary>
    /// All tensors in storage order (by data offset; shards in file-name order). For a sharded source each
    /// info's <see cref="SafetensorsTensorInfo.FileOffset"/> is within its own shard.
    /// </summary>
    IReadOnlyList<SafetensorsTensorInfo> Tensors { get; }

    /// <summary>The <c>__metadata__</c> map (for shards: the index's <c>metadata</c>, non-strings as raw JSON).</summary>
    IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Sum of all tensors' byte lengths.</summary>
    long TotalTensorBytes { get; }

    /// <summary>The largest tensor's byte length (0 when there are none): the buffer a streaming pass needs.</summary>
    long LargestTensorBytes { get; }

    /// <summary>True when a tensor has this exact (ordinal) name.</summary>
    bool Contains(string name);

    /// <summary>Looks a tensor up by name.</summary>
    bool TryGetInfo(string name, [NotNullWhen(true)] out SafetensorsTensorInfo? info);

    /// <summary>Looks a tensor up by name.</summary>
    /// <exception cref="SafetensorsAccessException"><see cref="SafetensorsAccessError.TensorNotFound"/>.</exception>
    SafetensorsTensorInfo GetInfo(string name);

    /// <summary>The tensor's bytes, without copying. Valid until this source is disposed.</summary>
    /// <exception cref="SafetensorsAccessException">Not found, or <see cref="SafetensorsAccessError.TooLargeForSpan"/> (use <see cref="GetChunks"/>).</exception>
    ReadOnlySpan<byte> GetBytes(string name);

    /// <summary>A byte range of the tensor, without copying. Valid until this source is disposed.</summary>
    /// <exception cref="SafetensorsAccessException">Not found, or <see cref="SafetensorsAccessError.RangeOutOfBounds"/>.</exception>
    ReadOnlySpan<byte> GetBytes(string name, long start, int length);

    /// <summary>The tensor's bytes as consecutive spans of at most <paramref name="maxChunkBytes"/>.</summary>
    TensorByteChunks GetChunks(string name, int maxChunkBytes = 1 << 30);

    /// <summary>Writes the tensor's bytes to <paramref name="destination"/> in chunks; works for any size.</summary>
    void CopyTo(string name, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>
    /// Copies bytes [<paramref name="start"/>, start + destination.Length) of a tensor into
    /// <paramref name="destination"/> with a positional file read, not through the memory map, so streaming a
    /// whole checkpoint does not make its pages part of the process's resident memory.
    /// </summary>
    void ReadBytes(string name, long start, Span<byte> destination);

    /// <summary>
    /// Decodes <c>destination.Length</c> elements starting at element <paramref name="firstElement"/> to float32
    /// (exact for every float dtype except F64, which rounds to nearest even). Call repeatedly to stream a tensor
    /// of any size through a small buffer.
    /// </summary>
    /// <exception cref="SafetensorsAccessException">Not found, <see cref="SafetensorsAccessError.DTypeMismatch"/> for
    /// integer/bool tensors, or <see cref="SafetensorsAccessError.RangeOutOfBounds"/>.</exception>
    void ReadAsFloat32(string name, long firstElement, Span<float> destination);

    /// <summary>Decodes the whole tensor to float32; <paramref name="destination"/> must hold exactly its element count.</summary>
    /// <exception cref="SafetensorsAccessException">As the ranged overload, or <see cref="SafetensorsAccessError.RangeOutOfBounds"/>
    /// when the lengths differ.</exception>
    void ReadAsFloat32(string name, Span<float> destination);

    /// <summary>
    /// The tensor viewed as <typeparamref name="T"/> elements, without copying, when its dtype is the one
    /// <typeparamref name="T"/> holds (see <see cref="FluxOnnx.ElementTypes.TryGetElementTypeOf{T}"/>) and it fits one span.
    /// </summary>
    /// <returns>False when the name is unknown, the dtype differs, or the tensor exceeds one span.</returns>
    bool TryGet<T>(string name, out ReadOnlySpan<T> values) where T : unmanaged;
}
