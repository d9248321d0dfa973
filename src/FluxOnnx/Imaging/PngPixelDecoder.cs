using System.IO.Compression;

namespace FluxOnnx.Imaging;

/// <summary>
/// Turns the concatenated IDAT bytes into 8-bit pixels: zlib inflate into a buffer of exactly the size IHDR
/// implies (PNG spec §10), unfiltering (§9), Adam7 pass placement (§8.2), sample unpacking and expansion.
/// </summary>
/// <remarks>
/// Output channels: gray → 1; RGB → 3; palette → 3 (4 when tRNS is present); gray + alpha → 4 (gray replicated to
/// R, G, B); RGBA → 4; gray or RGB with a tRNS colour key → 4 (alpha 0 where the key matches, 255 elsewhere).
/// Sample scaling: 16-bit samples keep their high byte (<c>v &gt;&gt; 8</c>), as Pillow does for 16-bit RGB/RGBA;
/// gray at 1, 2, 4 bits scales by 255 / (2^depth − 1) (×255, ×85, ×17). tRNS keys compare at the stored depth.
/// </remarks>
internal static class PngPixelDecoder
{
    /// <summary>Adam7 passes: (x0, y0, dx, dy) (PNG spec §8.2).</summary>
    internal static readonly (int X0, int Y0, int Dx, int Dy)[] Adam7 =
    [
        (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2),
    ];

    /// <summary>Passes of the image: the seven Adam7 passes, or one pass covering the image.</summary>
    internal static (int X0, int Y0, int Dx, int Dy)[] Passes(bool interlaced) => interlaced ? Adam7 : [(0, 0, 1, 1)];

    /// <summary>Size of a pass's sub-image; zero when the pass holds no pixel (then it has no scanlines at all).</summary>
    internal static (int Width, int Height) PassSize(int width, int height, (int X0, int Y0, int Dx, int Dy) p) =>
        (width > p.X0 ? (width - p.X0 + p.Dx - 1) / p.Dx : 0, height > p.Y0 ? (height - p.Y0 + p.Dy - 1) / p.Dy : 0);

    /// <summary>Bytes of filtered data (filter bytes included) the header implies.</summary>
    internal static long FilteredSize(PngHeader h)
    {
        long total = 0;
        foreach (var p in Passes(h.Interlaced))
        {
            var (pw, ph) = PassSize(h.Width, h.Height, p);
            if (pw > 0 && ph > 0)
            {
                total += ph * (1 + (((long)pw * h.BitsPerPixel) + 7) / 8);
            }
        }
        return total;
    }

    /// <summary>Output channel count for a header, given whether tRNS is present.</summary>
    internal static int OutputChannels(PngColorType colorType, bool hasTrns) => colorType switch
    {
        PngColorType.Gray => hasTrns ? 4 : 1,
        PngColorType.Rgb or PngColorType.Palette => hasTrns ? 4 : 3,
        _ => 4,
    };

    public static PixelImage Decode(PngHeader h, Stream compressed, byte[]? palette, byte[]? trns)
    {
        long size = FilteredSize(h);
        int outChannels = OutputChannels(h.ColorType, trns is not null);
        long outBytes = (long)h.Width * h.Height * outChannels;
        if (size > Array.MaxLength || outBytes > Array.MaxLength)
        {
            throw new ImageTooLargeException(h.Width, h.Height, Array.MaxLength / Math.Max(8, outChannels));
        }
        byte[] raw = Inflate(compressed, (int)size);
        var image = new PixelImage(h.Width, h.Height, outChannels);
        int bpp = Math.Max(1, h.BitsPerPixel / 8);
        int offset = 0;
        foreach (var p in Passes(h.Interlaced))
        {
            var (pw, ph) = PassSize(h.Width, h.Height, p);
            if (pw == 0 || ph == 0)
            {
                continue;
            }
            int rowBytes = (int)((((long)pw * h.BitsPerPixel) + 7) / 8);
            var zero = new byte[rowBytes];
            ReadOnlySpan<byte> prior = zero;
            for (int r = 0; r < ph; r++)
            {
                byte filter = raw[offset];
                if (filter > 4)
                {
                    throw new PngFormatException(PngError.BadFilter, $"scanline {r} of pass starting at ({p.X0}, {p.Y0}) has filter type {filter}; valid types are 0..4");
                }
                Span<byte> row = raw.AsSpan(offset + 1, rowBytes);
                PngFilters.Unfilter((PngFilter)filter, row, prior, bpp);
                WriteRow(h, row, image, p.Y0 + (r * p.Dy), p.X0, p.Dx, pw, palette, trns);
                prior = row;
                offset += 1 + rowBytes;
            }
        }
        return image;
    }

    private static byte[] Inflate(Stream compressed, int size)
    {
        var raw = new byte[size];
        try
        {
            using var z = new ZLibStream(compressed, CompressionMode.Decompress, leaveOpen: true);
            int got = z.ReadAtLeast(raw, size, throwOnEndOfStream: false);
            if (got < size)
            {
                throw new PngFormatException(PngError.TooLittleData, $"image data inflates to {got} bytes but the header requires {size}");
            }
            Span<byte> extra = stackalloc byte[1];
            if (z.Read(extra) > 0)
            {
                throw new PngFormatException(PngError.TooMuchData, $"image data inflates to more than the {size} bytes the header allows");
            }
        }
        catch (InvalidDataException e)
        {
            throw new PngFormatException(PngError.BadCompression, $"the zlib stream in IDAT is corrupt: {e.Message}", null, e);
        }
        return raw;
    }

    private static void WriteRow(PngHeader h, ReadOnlySpan<byte> row, PixelImage image, int y, int x0, int dx, int count, byte[]? palette, byte[]? trns)
    {
        byte[] dst = image.Pixels;
        int ch = image.Channels;
        int depth = h.BitDepth;
        int spp = h.SamplesPerPixel;
        for (int i = 0; i < count; i++)
        {
            int o = ((y * image.Width) + x0 + (i * dx)) * ch;
            int s = i * spp;
            switch (h.ColorType)
            {
                case PngColorType.Gray:
                {
                    int v = Sample(row, s, depth);
                    byte g = To8(v, depth);
                    dst[o] = g;
                    if (ch == 4)
                    {
                        dst[o + 1] = g;
                        dst[o + 2] = g;
                        dst[o + 3] = v == ((trns![0] << 8) | trns[1]) ? (byte)0 : (byte)255;
                    }
                    break;
                }
                case PngColorType.Rgb:
                {
                    int r = Sample(row, s, depth), g = Sample(row, s + 1, depth), b = Sample(row, s + 2, depth);
                    dst[o] = To8(r, depth);
                    dst[o + 1] = To8(g, depth);
                    dst[o + 2] = To8(b, depth);
                    if (ch == 4)
                    {
                        bool key = r == ((trns![0] << 8) | trns[1]) && g == ((trns[2] << 8) | trns[3]) && b == ((trns[4] << 8) | trns[5]);
                        dst[o + 3] = key ? (byte)0 : (byte)255;
                    }
                    break;
                }
                case PngColorType.Palette:
                {
                    int index = Sample(row, s, depth);
                    if (3 * index + 2 >= palette!.Length)
                    {
                        throw new PngFormatException(PngError.BadPalette, $"pixel ({x0 + (i * dx)}, {y}) uses palette index {index} but PLTE holds {palette.Length / 3} entries");
                    }
                    dst[o] = palette[3 * index];
                    dst[o + 1] = palette[(3 * index) + 1];
                    dst[o + 2] = palette[(3 * index) + 2];
                    if (ch == 4)
                    {
                        dst[o + 3] = index < trns!.Length ? trns[index] : (byte)255;
                    }
                    break;
                }
                case PngColorType.GrayAlpha:
                {
                    byte g = To8(Sample(row, s, depth), depth);
                    dst[o] = g;
                    dst[o + 1] = g;
                    dst[o + 2] = g;
                    dst[o + 3] = To8(Sample(row, s + 1, depth), depth);
                    break;
                }
                default:
                    for (int c = 0; c < 4; c++)
                    {
                        dst[o + c] = To8(Sample(row, s + c, depth), depth);
                    }
                    break;
            }
        }
    }

    /// <summary>Sample number <paramref name="index"/> of a row at the stored bit depth (big-endian, MSB-first packing).</summary>
    private static int Sample(ReadOnlySpan<byte> row, int index, int depth)
    {
        switch (depth)
        {
            case 8:
                return row[index];
            case 16:
                return (row[2 * index] << 8) | row[(2 * index) + 1];
            default:
                int bit = index * depth;
                int shift = 8 - depth - (bit & 7);
                return (row[bit >> 3] >> shift) & ((1 << depth) - 1);
        }
    }

    private static byte To8(int v, int depth) => depth switch
    {
        8 => (byte)v,
        16 => (byte)(v >> 8),
        _ => (byte)(v * 255 / ((1 << depth) - 1)),
    };
}
