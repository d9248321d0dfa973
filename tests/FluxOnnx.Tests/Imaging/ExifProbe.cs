using System.Buffers.Binary;
using System.Text;

namespace FluxOnnx.Tests.Imaging;

/// <summary>
/// Test-side reader of the EXIF that FluxOnnx writes, independent of <see cref="FluxOnnx.Imaging.ExifMetadata"/>:
/// finds the TIFF block in a JPEG's APP1 or a WebP's EXIF chunk and reads Software and UserComment from it
/// (TIFF 6.0 IFDs, either byte order).
/// </summary>
internal static class ExifProbe
{
    /// <summary>The TIFF bytes after <c>"Exif\0\0"</c> of the first APP1 segment (segments walked from SOI to SOS).</summary>
    public static byte[]? JpegTiff(byte[] jpeg)
    {
        int p = 2;
        while (p + 4 <= jpeg.Length && jpeg[p] == 0xFF && jpeg[p + 1] != 0xDA)
        {
            int length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(p + 2));
            if (jpeg[p + 1] == 0xE1 && jpeg.AsSpan(p + 4, 6).SequenceEqual("Exif\0\0"u8))
            {
                return jpeg[(p + 10)..(p + 2 + length)];
            }
            p += 2 + length;
        }
        return null;
    }

    /// <summary>The RIFF chunks of a WebP as (fourcc, payload), checking that the RIFF size covers exactly the file.</summary>
    public static List<(string FourCc, byte[] Data)> WebpChunks(byte[] webp)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(4)) != webp.Length - 8)
        {
            throw new InvalidDataException($"RIFF size {BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(4))} but the file has {webp.Length - 8} bytes after it");
        }
        var chunks = new List<(string, byte[])>();
        for (int p = 12; p < webp.Length;)
        {
            int size = (int)BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(p + 4));
            chunks.Add((Encoding.ASCII.GetString(webp, p, 4), webp[(p + 8)..(p + 8 + size)]));
            p += 8 + size + (size & 1);
        }
        return chunks;
    }

    /// <summary>Software (IFD0, 0x0131) and UserComment (Exif IFD, 0x9286, Unicode code decoded as UTF-16 in the TIFF byte order).</summary>
    public static (string? Software, string? UserComment) Read(byte[] tiff)
    {
        bool big = tiff[0] == 'M';
        ushort U16(int at) => big ? BinaryPrimitives.ReadUInt16BigEndian(tiff.AsSpan(at)) : BinaryPrimitives.ReadUInt16LittleEndian(tiff.AsSpan(at));
        uint U32(int at) => big ? BinaryPrimitives.ReadUInt32BigEndian(tiff.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(tiff.AsSpan(at));
        if (U16(2) != 42)
        {
            throw new InvalidDataException("not a TIFF header");
        }
        Dictionary<ushort, byte[]> Ifd(int at)
        {
            var entries = new Dictionary<ushort, byte[]>();
            for (int i = 0, n = U16(at); i < n; i++)
            {
                int e = at + 2 + (12 * i);
                int size = U16(e + 2) switch { 2 or 7 => 1, 3 => 2, 4 => 4, var t => throw new InvalidDataException($"type {t}") } * (int)U32(e + 4);
                int value = size <= 4 ? e + 8 : (int)U32(e + 8);
                entries[U16(e)] = tiff[value..(value + size)];
            }
            return entries;
        }
        var ifd0 = Ifd((int)U32(4));
        string? software = ifd0.TryGetValue(0x0131, out var s) ? Encoding.ASCII.GetString(s).TrimEnd('\0') : null;
        string? comment = null;
        if (ifd0.TryGetValue(0x8769, out var pointer))
        {
            var exif = Ifd((int)(big ? BinaryPrimitives.ReadUInt32BigEndian(pointer) : BinaryPrimitives.ReadUInt32LittleEndian(pointer)));
            if (exif.TryGetValue(0x9286, out var c))
            {
                if (!c.AsSpan(0, 8).SequenceEqual("UNICODE\0"u8))
                {
                    throw new InvalidDataException("UserComment is not Unicode");
                }
                comment = (big ? Encoding.BigEndianUnicode : Encoding.Unicode).GetString(c, 8, c.Length - 8);
            }
        }
        return (software, comment);
    }
}
