using System.IO.Compression;
using System.Text;

namespace FluxOnnx.Imaging;

/// <summary>
/// Reads tEXt, zTXt and iTXt chunk data and writes tEXt and (uncompressed) iTXt (PNG spec §11.3.4).
/// tEXt/zTXt keyword and text are Latin-1 (ISO 8859-1); iTXt text and translated keyword are UTF-8.
/// </summary>
internal static class PngTextCodec
{
    public static PngTextEntry Parse(string type, byte[] data, int maxTextBytes)
    {
        int nul = Array.IndexOf(data, (byte)0);
        if (nul < 1 || nul > 79)
        {
            throw new ImageFormatException(ImageError.BadText, $"{type} keyword must be 1..79 bytes followed by NUL (found length {(nul < 0 ? data.Length : nul)})", ImageFileFormat.Png);
        }
        string keyword = Encoding.Latin1.GetString(data, 0, nul);
        int p = nul + 1;
        switch (type)
        {
            case "tEXt":
                return new PngTextEntry(keyword, Encoding.Latin1.GetString(data, p, data.Length - p)) { Kind = PngTextKind.Text };
            case "zTXt":
                if (p >= data.Length || data[p] != 0)
                {
                    throw new ImageFormatException(ImageError.BadText, $"zTXt '{keyword}' lacks compression method 0", ImageFileFormat.Png);
                }
                return new PngTextEntry(keyword, Encoding.Latin1.GetString(Inflate(data.AsSpan(p + 1), maxTextBytes, keyword)))
                {
                    Kind = PngTextKind.CompressedText,
                };
            default: // iTXt
                if (p + 2 > data.Length || data[p] > 1 || data[p + 1] != 0)
                {
                    throw new ImageFormatException(ImageError.BadText, $"iTXt '{keyword}' has a bad compression flag or method", ImageFileFormat.Png);
                }
                bool compressed = data[p] == 1;
                p += 2;
                int langEnd = Array.IndexOf(data, (byte)0, p);
                int transEnd = langEnd < 0 ? -1 : Array.IndexOf(data, (byte)0, langEnd + 1);
                if (transEnd < 0)
                {
                    throw new ImageFormatException(ImageError.BadText, $"iTXt '{keyword}' lacks the NUL after its language tag or translated keyword", ImageFileFormat.Png);
                }
                var utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
                try
                {
                    ReadOnlySpan<byte> body = data.AsSpan(transEnd + 1);
                    string text = compressed ? utf8.GetString(Inflate(body, maxTextBytes, keyword)) : utf8.GetString(body);
                    return new PngTextEntry(keyword, text)
                    {
                        Kind = PngTextKind.InternationalText,
                        LanguageTag = Encoding.ASCII.GetString(data, p, langEnd - p),
                        TranslatedKeyword = utf8.GetString(data, langEnd + 1, transEnd - langEnd - 1),
                    };
                }
                catch (DecoderFallbackException e)
                {
                    throw new ImageFormatException(ImageError.BadText, $"iTXt '{keyword}' is not valid UTF-8", ImageFileFormat.Png, null, e);
                }
        }
    }

    /// <summary>Chunk type and data for <paramref name="entry"/>: tEXt when Latin-1 suffices, else iTXt (UTF-8, uncompressed).</summary>
    public static (string Type, byte[] Data) Build(PngTextEntry entry)
    {
        ValidateKeyword(entry.Keyword);
        byte[] keyword = Encoding.Latin1.GetBytes(entry.Keyword);
        bool latin1 = entry.Text.All(c => c is > '\0' and <= '\u00FF');
        if (latin1 && entry.LanguageTag.Length == 0 && entry.TranslatedKeyword.Length == 0)
        {
            return ("tEXt", [.. keyword, 0, .. Encoding.Latin1.GetBytes(entry.Text)]);
        }
        if (entry.LanguageTag.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            throw new ArgumentException($"iTXt language tag '{entry.LanguageTag}' must be ASCII letters, digits and hyphens", nameof(entry));
        }
        return ("iTXt",
        [
            .. keyword, 0, 0, 0, .. Encoding.ASCII.GetBytes(entry.LanguageTag), 0,
            .. Encoding.UTF8.GetBytes(entry.TranslatedKeyword), 0, .. Encoding.UTF8.GetBytes(entry.Text),
        ]);
    }

    /// <summary>Checks the keyword rules of PNG spec §11.3.4.2; throws <see cref="ArgumentException"/> naming the rule broken.</summary>
    public static void ValidateKeyword(string keyword)
    {
        if (keyword.Length is < 1 or > 79)
        {
            throw new ArgumentException($"PNG text keyword must be 1..79 characters, got {keyword.Length}", nameof(keyword));
        }
        if (keyword.Any(c => c < ' ' || (c > '~' && c < '\u00A1') || c > '\u00FF'))
        {
            throw new ArgumentException($"PNG text keyword '{keyword}' must hold printable Latin-1 characters only", nameof(keyword));
        }
        if (keyword[0] == ' ' || keyword[^1] == ' ' || keyword.Contains("  ", StringComparison.Ordinal))
        {
            throw new ArgumentException($"PNG text keyword '{keyword}' has leading, trailing or consecutive spaces", nameof(keyword));
        }
    }

    private static byte[] Inflate(ReadOnlySpan<byte> compressed, int maxBytes, string keyword)
    {
        try
        {
            using var z = new ZLibStream(new MemoryStream(compressed.ToArray()), CompressionMode.Decompress);
            var buffer = new byte[maxBytes + 1];
            int got = z.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (got > maxBytes)
            {
                throw new ImageFormatException(ImageError.BadText, $"compressed text '{keyword}' inflates to more than the limit of {maxBytes} bytes", ImageFileFormat.Png);
            }
            return buffer[..got];
        }
        catch (InvalidDataException e)
        {
            throw new ImageFormatException(ImageError.BadCompression, $"compressed text '{keyword}' has a corrupt zlib stream: {e.Message}", ImageFileFormat.Png, null, e);
        }
    }
}
