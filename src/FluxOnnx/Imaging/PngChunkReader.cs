using System.Buffers.Binary;
using System.Text;

namespace FluxOnnx.Imaging;

/// <summary>
/// Reads the PNG signature and then one chunk at a time (length, type, data, CRC; PNG spec §5.3), checking each
/// CRC. Chunk data is read in bounded pieces, so a length field that lies about a truncated file cannot force a
/// large allocation. Throws <see cref="ImageFormatException"/> without a file path; the caller adds it.
/// </summary>
internal sealed class PngChunkReader
{
    /// <summary>The 8-byte PNG signature (PNG spec §5.2).</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private const int PieceSize = 1 << 20;
    private readonly Stream _stream;

    public PngChunkReader(Stream stream) => _stream = stream;

    public void ReadSignature()
    {
        Span<byte> sig = stackalloc byte[8];
        int n = _stream.ReadAtLeast(sig, 8, throwOnEndOfStream: false);
        if (n < 8 || !sig.SequenceEqual(Signature))
        {
            throw new ImageFormatException(ImageError.BadSignature,
                $"the first {n} bytes are {Convert.ToHexString(sig[..n])}, not the PNG signature 89504E470D0A1A0A", ImageFileFormat.Png);
        }
    }

    /// <summary>Reads the next chunk; null when the stream ends cleanly before a chunk's length field.</summary>
    public (string Type, byte[] Data)? ReadNext()
    {
        Span<byte> head = stackalloc byte[8];
        int n = _stream.ReadAtLeast(head, 8, throwOnEndOfStream: false);
        if (n == 0)
        {
            return null;
        }
        if (n < 8)
        {
            throw new ImageFormatException(ImageError.Truncated, $"the stream ends inside a chunk header ({n} of 8 bytes)", ImageFileFormat.Png);
        }
        uint length = BinaryPrimitives.ReadUInt32BigEndian(head);
        ReadOnlySpan<byte> typeBytes = head[4..8];
        foreach (byte b in typeBytes)
        {
            if (!((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z')))
            {
                throw new ImageFormatException(ImageError.BadChunkOrder, $"chunk type bytes {Convert.ToHexString(typeBytes)} are not ASCII letters", ImageFileFormat.Png);
            }
        }
        string type = Encoding.ASCII.GetString(typeBytes);
        if (length > int.MaxValue)
        {
            throw new ImageFormatException(ImageError.Truncated, $"chunk {type} declares {length} bytes, more than the PNG maximum of 2^31 - 1", ImageFileFormat.Png);
        }
        if (_stream.CanSeek && _stream.Length - _stream.Position < (long)length + 4)
        {
            throw new ImageFormatException(ImageError.Truncated,
                $"chunk {type} declares {length} data bytes + 4 CRC bytes but only {_stream.Length - _stream.Position} remain", ImageFileFormat.Png);
        }
        byte[] data = ReadData(type, (int)length);
        Span<byte> crcBytes = stackalloc byte[4];
        if (_stream.ReadAtLeast(crcBytes, 4, throwOnEndOfStream: false) < 4)
        {
            throw new ImageFormatException(ImageError.Truncated, $"the stream ends inside the CRC of chunk {type}", ImageFileFormat.Png);
        }
        uint stored = BinaryPrimitives.ReadUInt32BigEndian(crcBytes);
        uint computed = Crc32.Append(Crc32.Compute(typeBytes), data);
        if (stored != computed)
        {
            throw new ImageFormatException(ImageError.CrcMismatch, $"chunk {type} stores CRC 0x{stored:X8} but its bytes give 0x{computed:X8}", ImageFileFormat.Png);
        }
        return (type, data);
    }

    private byte[] ReadData(string type, int length)
    {
        if (length <= PieceSize)
        {
            var data = new byte[length];
            int got = _stream.ReadAtLeast(data, length, throwOnEndOfStream: false);
            if (got < length)
            {
                throw new ImageFormatException(ImageError.Truncated, $"chunk {type} declares {length} data bytes but the stream ends after {got}", ImageFileFormat.Png);
            }
            return data;
        }
        // Large chunk from a stream of unknown length: grow with the bytes that actually arrive.
        using var buffer = new MemoryStream();
        var piece = new byte[PieceSize];
        int remaining = length;
        while (remaining > 0)
        {
            int want = Math.Min(remaining, PieceSize);
            int got = _stream.ReadAtLeast(piece.AsSpan(0, want), want, throwOnEndOfStream: false);
            buffer.Write(piece, 0, got);
            if (got < want)
            {
                throw new ImageFormatException(ImageError.Truncated,
                    $"chunk {type} declares {length} data bytes but the stream ends after {buffer.Length}", ImageFileFormat.Png);
            }
            remaining -= got;
        }
        return buffer.ToArray();
    }
}
