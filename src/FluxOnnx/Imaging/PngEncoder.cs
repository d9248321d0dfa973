using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace FluxOnnx.Imaging;

/// <summary>
/// Writes 8-bit, non-interlaced PNGs: gray (colour type 0) for 1 channel, RGB (2) for 3, RGBA (6) for 4.
/// Chunks: IHDR, the text chunks of <see cref="PngEncoderOptions.Text"/>, IDAT (split every 256 KiB), IEND.
/// </summary>
public static class PngEncoder
{
    private const int MaxIdatChunk = 1 << 18;

    /// <summary>The PNG bytes of <paramref name="image"/>.</summary>
    public static byte[] Encode(PixelImage image, PngEncoderOptions? options = null)
    {
        using var stream = new MemoryStream();
        Encode(image, stream, options);
        return stream.ToArray();
    }

    /// <summary>Writes the PNG bytes of <paramref name="image"/> to <paramref name="output"/> (not disposed).</summary>
    public static void Encode(PixelImage image, Stream output, PngEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        options ??= PngEncoderOptions.Default;
        if (options.CompressionLevel is < 0 or > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.CompressionLevel, "CompressionLevel must be 0..9");
        }
        // Build text chunks first so an invalid keyword fails before anything is written.
        var textChunks = options.Text.Select(PngTextCodec.Build).ToList();

        output.Write(PngChunkReader.Signature);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), image.Height);
        ihdr[8] = 8;
        ihdr[9] = (byte)(image.Channels switch { 1 => PngColorType.Gray, 3 => PngColorType.Rgb, _ => PngColorType.Rgba });
        WriteChunk(output, "IHDR", ihdr);
        foreach (var (type, data) in textChunks)
        {
            WriteChunk(output, type, data);
        }

        byte[] compressed = CompressScanlines(image, options);
        for (int offset = 0; offset < compressed.Length; offset += MaxIdatChunk)
        {
            WriteChunk(output, "IDAT", compressed.AsSpan(offset, Math.Min(MaxIdatChunk, compressed.Length - offset)));
        }
        WriteChunk(output, "IEND", []);
    }

    /// <summary>
    /// Writes <paramref name="image"/> to <paramref name="path"/> atomically: the bytes go to a temporary file in the
    /// same folder, which is flushed to disk and then renamed over <paramref name="path"/>. On failure the temporary
    /// file is deleted and any existing file at <paramref name="path"/> is left as it was.
    /// </summary>
    public static void WriteFile(string path, PixelImage image, PngEncoderOptions? options = null)
    {
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                Encode(image, stream, options);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static byte[] CompressScanlines(PixelImage image, PngEncoderOptions options)
    {
        int bpp = image.Channels;
        int rowBytes = image.Width * bpp;
        var zero = new byte[rowBytes];
        var line = new byte[1 + rowBytes];
        var candidate = new byte[rowBytes];
        using var buffer = new MemoryStream();
        using (var z = new ZLibStream(buffer, new ZLibCompressionOptions { CompressionLevel = options.CompressionLevel }, leaveOpen: true))
        {
            for (int y = 0; y < image.Height; y++)
            {
                ReadOnlySpan<byte> row = image.Pixels.AsSpan(y * rowBytes, rowBytes);
                ReadOnlySpan<byte> prior = y == 0 ? zero : image.Pixels.AsSpan((y - 1) * rowBytes, rowBytes);
                if (options.Filter is { } fixedFilter)
                {
                    line[0] = (byte)fixedFilter;
                    PngFilters.Apply(fixedFilter, row, prior, bpp, line.AsSpan(1));
                }
                else
                {
                    long best = long.MaxValue;
                    for (var f = PngFilter.None; f <= PngFilter.Paeth; f++)
                    {
                        PngFilters.Apply(f, row, prior, bpp, candidate);
                        long score = PngFilters.SignedAbsSum(candidate);
                        if (score < best)
                        {
                            best = score;
                            line[0] = (byte)f;
                            candidate.CopyTo(line, 1);
                        }
                    }
                }
                z.Write(line);
            }
        }
        return buffer.ToArray();
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> head = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(head, data.Length);
        Encoding.ASCII.GetBytes(type, head[4..]);
        output.Write(head);
        output.Write(data);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Append(Crc32.Compute(head[4..]), data));
        output.Write(crc);
    }
}
