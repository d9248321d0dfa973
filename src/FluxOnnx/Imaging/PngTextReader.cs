namespace FluxOnnx.Imaging;

/// <summary>
/// Reads the tEXt, zTXt and iTXt entries of a PNG without decoding its pixels: walks the chunks from the signature to
/// IEND (PNG spec §5.3), checking every CRC, and parses the text chunks (<see cref="PngTextEntry.Kind"/> tells which).
/// Image data is read past, never inflated.
/// </summary>
public static class PngTextReader
{
    /// <summary>Largest inflated size of one zTXt or compressed iTXt chunk by default, in bytes (1 MiB).</summary>
    public const int DefaultMaxTextBytes = 1 << 20;

    /// <summary>The text entries of the PNG file at <paramref name="path"/>, in file order; errors carry the path.</summary>
    /// <exception cref="ImageFormatException">The file is not a well-formed PNG chunk stream or a text chunk is malformed.</exception>
    public static IReadOnlyList<PngTextEntry> ReadFile(string path, int maxTextBytes = DefaultMaxTextBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        try
        {
            return Read(stream, maxTextBytes);
        }
        catch (ImageFormatException e) when (e.FilePath is null)
        {
            throw e.WithFilePath(path);
        }
    }

    /// <summary>The text entries of a PNG held in memory.</summary>
    public static IReadOnlyList<PngTextEntry> Read(ReadOnlySpan<byte> png, int maxTextBytes = DefaultMaxTextBytes)
    {
        using var stream = new MemoryStream(png.ToArray(), writable: false);
        return Read(stream, maxTextBytes);
    }

    /// <summary>The text entries of the PNG read from <paramref name="stream"/> up to and including IEND. The stream is not disposed.</summary>
    public static IReadOnlyList<PngTextEntry> Read(Stream stream, int maxTextBytes = DefaultMaxTextBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxTextBytes);
        var reader = new PngChunkReader(stream);
        reader.ReadSignature();
        var text = new List<PngTextEntry>();
        for (bool first = true; ; first = false)
        {
            var (type, data) = reader.ReadNext()
                ?? throw new ImageFormatException(ImageError.Truncated, "the stream ends before IEND", ImageFileFormat.Png);
            if (first && type != "IHDR")
            {
                throw new ImageFormatException(ImageError.BadChunkOrder, $"the first chunk is {type}, not IHDR", ImageFileFormat.Png);
            }
            switch (type)
            {
                case "IEND":
                    return text;
                case "tEXt" or "zTXt" or "iTXt":
                    text.Add(PngTextCodec.Parse(type, data, maxTextBytes));
                    break;
            }
        }
    }
}
