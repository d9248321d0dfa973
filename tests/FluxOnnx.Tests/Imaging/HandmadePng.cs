using Xunit;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using FluxOnnx.Imaging;

namespace FluxOnnx.Tests.Imaging;

/// <summary>
/// Test helper that assembles PNG files from hand-written chunks (signature, IHDR fields, raw filtered scanline bytes),
/// independent of <see cref="PngEncoder"/>, so decoder tests state their pixels and bytes explicitly.
/// </summary>
internal static class HandmadePng
{
    public static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>One chunk: big-endian length, type, data, CRC over type and data.</summary>
    public static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type, chunk.AsSpan(4, 4));
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.Compute(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    public static byte[] Ihdr(uint width, uint height, byte bitDepth, byte colorType, byte interlace = 0)
    {
        var d = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(d, width);
        BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(4), height);
        d[8] = bitDepth;
        d[9] = colorType;
        d[12] = interlace;
        return Chunk("IHDR", d);
    }

    /// <summary>zlib-compresses <paramref name="filteredScanlines"/> (filter bytes included) into one IDAT chunk.</summary>
    public static byte[] Idat(byte[] filteredScanlines) => Chunk("IDAT", Zlib(filteredScanlines));

    public static byte[] Zlib(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(data);
        }
        return ms.ToArray();
    }

    public static byte[] Iend() => Chunk("IEND", []);

    /// <summary>Signature followed by the given chunks.</summary>
    public static byte[] File(params byte[][] chunks) => [.. Signature, .. chunks.SelectMany(c => c)];

    /// <summary>A complete PNG: IHDR, optional extra chunks before IDAT, IDAT of the scanlines, IEND.</summary>
    public static byte[] Simple(uint width, uint height, byte bitDepth, byte colorType, byte[] scanlines, params byte[][] beforeIdat) =>
        File([Ihdr(width, height, bitDepth, colorType), .. beforeIdat, Idat(scanlines), Iend()]);
}
