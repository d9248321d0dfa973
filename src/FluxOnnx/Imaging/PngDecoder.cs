using System.Buffers.Binary;

namespace FluxOnnx.Imaging;

/// <summary>
/// Strict PNG decoder (ISO/IEC 15948, PNG spec 2nd/3rd edition): all colour types and bit depths, PLTE and tRNS,
/// Adam7, the five filters; tEXt, zTXt and iTXt are read; other ancillary chunks are skipped after their CRC check.
/// Pixels come out 8-bit: see <see cref="PngPixelDecoder"/>'s remarks for channel expansion and the 16 → 8 bit
/// reduction (high byte). Use <see cref="PixelImage.ToRgb"/> / <see cref="PixelImage.ToGray"/> for PIL's
/// <c>convert("RGB")</c> / <c>convert("L")</c>.
/// </summary>
/// <remarks>
/// Safety: after IHDR the declared width × height is checked against <see cref="PngDecoderOptions.MaxPixels"/> and
/// refused with <see cref="ImageTooLargeException"/> before any IDAT byte is read; inflation writes into a buffer of
/// exactly the size the header implies and fails on too little or too much data; compressed IDAT data beyond that size
/// plus deflate's worst-case overhead is refused as it arrives. Every defect raises <see cref="PngFormatException"/>
/// with a <see cref="PngError"/>; from a file the exception carries the path.
/// </remarks>
public static class PngDecoder
{
    /// <summary>Decodes the PNG file at <paramref name="path"/>; errors carry the path.</summary>
    public static PngImage DecodeFile(string path, PngDecoderOptions? options = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        try
        {
            return Decode(stream, options);
        }
        catch (PngFormatException e) when (e.FilePath is null)
        {
            throw e.WithFilePath(path);
        }
    }

    /// <summary>Decodes a PNG held in memory.</summary>
    public static PngImage Decode(ReadOnlySpan<byte> png, PngDecoderOptions? options = null)
    {
        using var stream = new MemoryStream(png.ToArray(), writable: false);
        return Decode(stream, options);
    }

    /// <summary>Decodes a PNG from <paramref name="stream"/>, reading up to and including IEND. The stream is not disposed.</summary>
    public static PngImage Decode(Stream stream, PngDecoderOptions? options = null)
    {
        options ??= PngDecoderOptions.Default;
        var reader = new PngChunkReader(stream);
        reader.ReadSignature();

        PngHeader? header = null;
        byte[]? palette = null;
        byte[]? trns = null;
        var text = new List<PngTextEntry>();
        var idat = new MemoryStream();
        long idatCap = 0, filteredSize = 0;
        bool idatSeen = false, idatEnded = false;

        while (true)
        {
            var chunk = reader.ReadNext()
                ?? throw new PngFormatException(PngError.Truncated, header is null ? "the stream ends before IHDR" : "the stream ends before IEND");
            var (type, data) = chunk;
            if (header is null && type != "IHDR")
            {
                throw new PngFormatException(PngError.BadChunkOrder, $"the first chunk is {type}, not IHDR");
            }
            if (idatSeen && type != "IDAT")
            {
                idatEnded = true;
            }
            switch (type)
            {
                case "IHDR":
                    if (header is not null)
                    {
                        throw new PngFormatException(PngError.BadChunkOrder, "a second IHDR chunk");
                    }
                    header = ParseHeader(data);
                    long pixels = (long)header.Value.Width * header.Value.Height;
                    if (pixels > options.MaxPixels)
                    {
                        throw new ImageTooLargeException(header.Value.Width, header.Value.Height, options.MaxPixels);
                    }
                    filteredSize = PngPixelDecoder.FilteredSize(header.Value);
                    // zlib's worst case is 5 bytes per stored block of up to 64 KiB plus 6; this cap is far above it.
                    idatCap = filteredSize + (filteredSize / 1024) + 4096;
                    break;
                case "PLTE":
                    if (palette is not null || idatSeen || trns is not null)
                    {
                        throw new PngFormatException(PngError.BadChunkOrder, "PLTE is repeated or follows tRNS or IDAT");
                    }
                    if (header!.Value.ColorType is PngColorType.Gray or PngColorType.GrayAlpha)
                    {
                        throw new PngFormatException(PngError.BadChunkOrder, $"PLTE is not allowed with colour type {header.Value.ColorType}");
                    }
                    int maxEntries = header.Value.ColorType == PngColorType.Palette ? 1 << header.Value.BitDepth : 256;
                    if (data.Length == 0 || data.Length % 3 != 0 || data.Length / 3 > maxEntries)
                    {
                        throw new PngFormatException(PngError.BadPalette, $"PLTE holds {data.Length} bytes; it must be 3 × n with 1 <= n <= {maxEntries}");
                    }
                    palette = data;
                    break;
                case "tRNS":
                    if (idatSeen || trns is not null)
                    {
                        throw new PngFormatException(PngError.BadChunkOrder, "tRNS is repeated or follows IDAT");
                    }
                    trns = CheckTrns(header!.Value, palette, data);
                    break;
                case "IDAT":
                    if (idatEnded)
                    {
                        throw new PngFormatException(PngError.BadChunkOrder, "IDAT chunks are not consecutive");
                    }
                    if (header!.Value.ColorType == PngColorType.Palette && palette is null)
                    {
                        throw new PngFormatException(PngError.BadPalette, "a palette image has no PLTE before IDAT");
                    }
                    idatSeen = true;
                    if (idat.Length + data.Length > idatCap)
                    {
                        throw new PngFormatException(PngError.TooMuchData, $"compressed image data exceeds {idatCap} bytes, more than any zlib stream of the {filteredSize} bytes the header implies needs");
                    }
                    idat.Write(data);
                    break;
                case "IEND":
                    if (!idatSeen)
                    {
                        throw new PngFormatException(PngError.BadChunkOrder, "IEND before any IDAT");
                    }
                    idat.Position = 0;
                    var image = PngPixelDecoder.Decode(header!.Value, idat, palette, trns);
                    return new PngImage(image, header.Value, text);
                case "tEXt":
                case "zTXt":
                case "iTXt":
                    text.Add(PngTextCodec.Parse(type, data, options.MaxTextBytes));
                    break;
                default:
                    if ((type[0] & 0x20) == 0)
                    {
                        throw new PngFormatException(PngError.BadChunkOrder, $"unknown critical chunk {type}");
                    }
                    break;
            }
        }
    }

    /// <summary>Reads only the IHDR of a PNG file (signature, first chunk, its CRC) without touching image data.</summary>
    public static PngHeader ReadHeader(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096);
        try
        {
            var reader = new PngChunkReader(stream);
            reader.ReadSignature();
            var chunk = reader.ReadNext() ?? throw new PngFormatException(PngError.Truncated, "the stream ends before IHDR");
            if (chunk.Type != "IHDR")
            {
                throw new PngFormatException(PngError.BadChunkOrder, $"the first chunk is {chunk.Type}, not IHDR");
            }
            return ParseHeader(chunk.Data);
        }
        catch (PngFormatException e) when (e.FilePath is null)
        {
            throw e.WithFilePath(path);
        }
    }

    private static PngHeader ParseHeader(byte[] d)
    {
        if (d.Length != 13)
        {
            throw new PngFormatException(PngError.BadHeader, $"IHDR holds {d.Length} bytes; it must hold 13");
        }
        uint width = BinaryPrimitives.ReadUInt32BigEndian(d);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(d.AsSpan(4));
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
        {
            throw new PngFormatException(PngError.BadHeader, $"IHDR size {width} x {height}; each must be 1 .. 2^31 - 1");
        }
        int depth = d[8];
        var colorType = (PngColorType)d[9];
        if (!PngHeader.IsValidCombination(colorType, depth))
        {
            throw new PngFormatException(PngError.BadHeader, $"IHDR bit depth {depth} with colour type {d[9]} is not a valid combination");
        }
        if (d[10] != 0 || d[11] != 0 || d[12] > 1)
        {
            throw new PngFormatException(PngError.BadHeader, $"IHDR compression {d[10]}, filter {d[11]}, interlace {d[12]}: must be 0, 0, 0 or 1");
        }
        return new PngHeader((int)width, (int)height, depth, colorType, d[12] == 1);
    }

    private static byte[] CheckTrns(PngHeader h, byte[]? palette, byte[] data)
    {
        switch (h.ColorType)
        {
            case PngColorType.Palette:
                if (palette is null || data.Length > palette.Length / 3)
                {
                    throw new PngFormatException(PngError.BadPalette, $"tRNS holds {data.Length} alphas but PLTE {(palette is null ? "is missing" : $"holds {palette.Length / 3} entries")}");
                }
                return data;
            case PngColorType.Gray when data.Length == 2:
            case PngColorType.Rgb when data.Length == 6:
                return data;
            default:
                throw new PngFormatException(PngError.BadPalette, $"tRNS of {data.Length} bytes is not valid for colour type {h.ColorType}");
        }
    }
}
