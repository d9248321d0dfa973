using System.Diagnostics.CodeAnalysis;
using FluxOnnx.Converter.Safetensors;

namespace FluxOnnx.Converter.Tests.Formats;

/// <summary>Wraps a source and records the name of every tensor whose data is read (header access is free).</summary>
internal sealed class CountingSafetensorsSource(ISafetensorsSource inner) : ISafetensorsSource
{
    public List<string> Reads { get; } = [];

    public string FilePath => inner.FilePath;
    public IReadOnlyList<SafetensorsTensorInfo> Tensors => inner.Tensors;
    public IReadOnlyDictionary<string, string> Metadata => inner.Metadata;
    public long TotalTensorBytes => inner.TotalTensorBytes;
    public long LargestTensorBytes => inner.LargestTensorBytes;
    public bool Contains(string name) => inner.Contains(name);
    public bool TryGetInfo(string name, [NotNullWhen(true)] out SafetensorsTensorInfo? info) => inner.TryGetInfo(name, out info);
    public SafetensorsTensorInfo GetInfo(string name) => inner.GetInfo(name);

    public ReadOnlySpan<byte> GetBytes(string name)
    {
        Reads.Add(name);
        return inner.GetBytes(name);
    }

    public ReadOnlySpan<byte> GetBytes(string name, long start, int length)
    {
        Reads.Add(name);
        return inner.GetBytes(name, start, length);
    }

    public TensorByteChunks GetChunks(string name, int maxChunkBytes = 1 << 30)
    {
        Reads.Add(name);
        return inner.GetChunks(name, maxChunkBytes);
    }

    public void ReadBytes(string name, long start, Span<byte> destination)
    {
        Reads.Add(name);
        inner.ReadBytes(name, start, destination);
    }

    public void CopyTo(string name, Stream destination, CancellationToken cancellationToken = default)
    {
        Reads.Add(name);
        inner.CopyTo(name, destination, cancellationToken);
    }

    public void ReadAsFloat32(string name, long firstElement, Span<float> destination)
    {
        Reads.Add(name);
        inner.ReadAsFloat32(name, firstElement, destination);
    }

    public void ReadAsFloat32(string name, Span<float> destination)
    {
        Reads.Add(name);
        inner.ReadAsFloat32(name, destination);
    }

    public bool TryGet<T>(string name, out ReadOnlySpan<T> values) where T : unmanaged
    {
        Reads.Add(name);
        return inner.TryGet(name, out values);
    }

    public void Dispose() => inner.Dispose();
}
