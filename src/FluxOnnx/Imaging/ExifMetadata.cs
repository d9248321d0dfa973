using System.Buffers.Binary;
using System.Text;

namespace FluxOnnx.Imaging;

/// <summary>
/// The EXIF tags FluxOnnx writes into JPEG and WebP output, as AUTOMATIC1111's web UI does with piexif: the
/// generation parameters in the Exif IFD's <c>UserComment</c> (tag 0x9286, character code <c>"UNICODE\0"</c>
/// followed by UTF-16 big-endian text, piexif's <c>encoding="unicode"</c>), and the producer in IFD0's
/// <c>Software</c> (tag 0x0131, ASCII). A null member is not written.
/// </summary>
/// <param name="UserComment">Text for UserComment; any Unicode.</param>
/// <param name="Software">Text for Software; printable ASCII only.</param>
public sealed record ExifMetadata(string? UserComment, string? Software = null)
{
    private const ushort SoftwareTag = 0x0131, ExifIfdTag = 0x8769, UserCommentTag = 0x9286;
    private const ushort Ascii = 2, Long = 4, Undefined = 7;

    /// <summary>The 8-byte character code that starts a UserComment of Unicode text (EXIF 2.3 Table 9).</summary>
    internal static ReadOnlySpan<byte> UnicodeCode => "UNICODE\0"u8;

    /// <summary>
    /// The TIFF structure (EXIF 2.3 §4.5) of these tags, big-endian ("MM") like piexif's: header, IFD0
    /// [Software, ExifIFDPointer], Exif IFD [UserComment], then the values, each at an even offset.
    /// Container framing ("Exif\0\0" in JPEG's APP1) is the caller's.
    /// </summary>
    /// <exception cref="ArgumentException"><see cref="Software"/> holds a character outside printable ASCII.</exception>
    internal byte[] ToTiff()
    {
        byte[]? software = Software is null ? null : AsciiBytes(Software);
        byte[]? comment = UserComment is null ? null : [.. UnicodeCode, .. Encoding.BigEndianUnicode.GetBytes(UserComment)];
        int ifd0Count = (software is null ? 0 : 1) + (comment is null ? 0 : 1);
        int exifIfdAt = 8 + 2 + (12 * ifd0Count) + 4;
        int dataAt = exifIfdAt + (comment is null ? 0 : 2 + 12 + 4);
        int softwareAt = dataAt;
        int commentAt = softwareAt + (software is null || software.Length <= 4 ? 0 : Even(software.Length));
        int total = commentAt + (comment is null ? 0 : Even(comment.Length));

        var tiff = new byte[total];
        "MM"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), 8);
        int p = 8;
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(p), (ushort)ifd0Count);
        p += 2;
        if (software is not null)
        {
            // Entries are sorted by tag: Software (0x0131) before ExifIFDPointer (0x8769).
            p = Entry(tiff, p, SoftwareTag, Ascii, software, softwareAt);
        }
        if (comment is not null)
        {
            BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(p), ExifIfdTag);
            BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(p + 2), Long);
            BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(p + 4), 1);
            BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(p + 8), (uint)exifIfdAt);
            p += 12;
        }
        p += 4; // next IFD: none
        if (comment is not null)
        {
            BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(p), 1);
            Entry(tiff, p + 2, UserCommentTag, Undefined, comment, commentAt);
        }
        return tiff;
    }

    /// <summary>Writes one 12-byte IFD entry; a value of at most 4 bytes sits in the entry, a longer one at <paramref name="valueAt"/>.</summary>
    private static int Entry(byte[] tiff, int p, ushort tag, ushort type, byte[] value, int valueAt)
    {
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(p), tag);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(p + 2), type);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(p + 4), (uint)value.Length);
        if (value.Length <= 4)
        {
            value.CopyTo(tiff, p + 8);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(p + 8), (uint)valueAt);
            value.CopyTo(tiff, valueAt);
        }
        return p + 12;
    }

    private static byte[] AsciiBytes(string text)
    {
        if (text.Any(c => c is < ' ' or > '~'))
        {
            throw new ArgumentException($"EXIF Software '{text}' must hold printable ASCII only", nameof(Software));
        }
        return [.. Encoding.ASCII.GetBytes(text), 0];
    }

    private static int Even(int n) => n + (n & 1);
}
