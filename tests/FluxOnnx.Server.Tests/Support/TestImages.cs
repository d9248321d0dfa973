using System.Buffers.Binary;
using System.Text;
using FluxOnnx.Imaging;

namespace FluxOnnx.Server.Tests.Support;

/// <summary>Input images the tests upload, made here from simple formulas (no fixture images needed).</summary>
internal static class TestImages
{
    /// <summary>An RGB gradient PNG of the given size.</summary>
    public static byte[] GradientPng(int width, int height) => PngEncoder.Encode(Gradient(width, height));

    public static PixelImage Gradient(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * width + x) * 3;
                pixels[i] = (byte)(x * 255 / Math.Max(1, width - 1));
                pixels[i + 1] = (byte)(y * 255 / Math.Max(1, height - 1));
                pixels[i + 2] = (byte)((x + y) % 256);
            }
        }
        return new PixelImage(width, height, 3, pixels);
    }

    /// <summary>A gray mask PNG: white (fill) in the centre square, black elsewhere.</summary>
    public static byte[] CentreMaskPng(int width, int height)
    {
        var pixels = new byte[width * height];
        for (var y = height / 4; y < 3 * height / 4; y++)
        {
            for (var x = width / 4; x < 3 * width / 4; x++)
            {
                pixels[y * width + x] = 255;
            }
        }
        return PngEncoder.Encode(new PixelImage(width, height, 1, pixels));
    }

    /// <summary>
    /// A valid PNG header declaring <paramref name="width"/> × <paramref name="height"/> (correct CRCs) followed by a
    /// tiny IDAT and IEND: a "decompression bomb" whose size only the header tells.
    /// </summary>
    public static byte[] DeclaredSizePng(int width, int height)
    {
        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>The first half of a JPEG of the gradient.</summary>
    public static byte[] TruncatedJpeg()
    {
        var jpeg = JpegEncoder.Encode(Gradient(64, 64), 90, null);
        return jpeg[..(jpeg.Length / 2)];
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc(typed));
        png.Write(crc);
    }

    /// <summary>CRC-32 (ISO-HDLC, the PNG chunk checksum), bit by bit.</summary>
    private static uint Crc(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
