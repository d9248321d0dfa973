using System.Buffers.Binary;
using System.Text;

namespace FluxOnnx.Converter.Tests.Safetensors;

/// <summary>Writes safetensors-shaped files byte by byte, so tests can build files the writer would refuse to.</summary>
internal static class RawSafetensors
{
    /// <summary>8-byte length (the real one unless overridden), the header text as UTF-8, then the data.</summary>
    public static string Write(string path, string header, byte[]? data = null, ulong? headerLength = null)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        return WriteBytes(path, json, data, headerLength);
    }

    /// <summary>As <see cref="Write"/> with header bytes given directly (for invalid UTF-8).</summary>
    public static string WriteBytes(string path, byte[] header, byte[]? data = null, ulong? headerLength = null)
    {
        using var stream = File.Create(path);
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, headerLength ?? (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);
        stream.Write(data ?? []);
        return path;
    }
}
