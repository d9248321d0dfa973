using System.Globalization;
using System.Net;
using System.Text;

namespace FluxOnnx.Tokenizers.Clip;

/// <summary>
/// HTML character-reference decoding as CLIP's text cleanup does it: CPython's <c>html.unescape</c>
/// (Lib/html/__init__.py, <c>_charref</c> and <c>_replace_charref</c>) and ftfy's stricter
/// <c>unescape_html</c> (rspeer/python-ftfy <c>ftfy/fixes.py</c>: only <c>&amp;#?[0-9A-Za-z]{1,24};</c>).
/// </summary>
/// <remarks>
/// Numeric references follow CPython exactly: C1 numbers decode as Windows-1252, 0 and surrogates/out-of-range
/// numbers become U+FFFD, non-characters and most C0/C1 controls decode to nothing. Named references use the
/// HTML 4 entity set (the 253 names <see cref="WebUtility.HtmlDecode(string)"/> knows) with a semicolon, and
/// without one for the HTML 5 "legacy" names (the Latin-1 names plus amp, lt, gt, quot and the upper-case
/// AMP, LT, GT, QUOT, COPY, REG), longest prefix first as the standard requires. HTML 5-only names (such as
/// <c>&amp;NewLine;</c>) and ftfy's upper-cased variants (<c>&amp;EACUTE;</c>) are left undecoded.
/// </remarks>
internal static class HtmlUnescaper
{
    /// <summary>CPython <c>html.unescape</c> over <paramref name="text"/>.</summary>
    public static string PythonUnescape(string text)
    {
        if (!text.Contains('&'))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] != '&' || i + 1 >= text.Length)
            {
                sb.Append(text[i++]);
                continue;
            }
            var consumed = text[i + 1] == '#' ? DecodeNumeric(text, i, sb, requireSemicolon: false) : DecodeNamed(text, i, sb);
            if (consumed == 0)
            {
                sb.Append(text[i++]);
            }
            else
            {
                i += consumed;
            }
        }
        return sb.ToString();
    }

    /// <summary>ftfy's <c>unescape_html</c>: decodes only complete <c>&amp;…;</c> references.</summary>
    public static string FtfyUnescape(string text)
    {
        if (!text.Contains('&'))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var end = text[i] == '&' ? FtfyEntityEnd(text, i) : -1;
            if (end < 0)
            {
                sb.Append(text[i++]);
                continue;
            }
            var entity = text.AsSpan(i, end - i + 1);
            if (entity[1] == '#')
            {
                // ftfy keeps the reference when CPython's decoding of it still contains ';'.
                var decoded = new StringBuilder();
                var used = DecodeNumeric(entity.ToString(), 0, decoded, requireSemicolon: false);
                var value = used == entity.Length ? decoded.ToString() : null;
                sb.Append(value is null || value.Contains(';') ? entity : value);
            }
            else if (TryNamed(entity[1..].ToString(), out var named))
            {
                sb.Append(named);
            }
            else
            {
                sb.Append(entity);
            }
            i = end + 1;
        }
        return sb.ToString();
    }

    // Index of the ';' closing an ftfy entity starting at i, or -1.
    private static int FtfyEntityEnd(string text, int i)
    {
        var j = i + 1;
        if (j < text.Length && text[j] == '#')
        {
            j++;
        }
        var start = j;
        while (j < text.Length && j - start < 24 && char.IsAsciiLetterOrDigit(text[j]))
        {
            j++;
        }
        return j > start && j < text.Length && text[j] == ';' ? j : -1;
    }

    // Decodes '&#…' at i; returns the number of characters consumed (0 when it is not a reference).
    private static int DecodeNumeric(string text, int i, StringBuilder sb, bool requireSemicolon)
    {
        var j = i + 2;
        var hex = j < text.Length && (text[j] == 'x' || text[j] == 'X');
        if (hex)
        {
            j++;
        }
        var start = j;
        while (j < text.Length && (hex ? char.IsAsciiHexDigit(text[j]) : char.IsAsciiDigit(text[j])))
        {
            j++;
        }
        if (j == start)
        {
            return 0;
        }
        var hasSemicolon = j < text.Length && text[j] == ';';
        if (requireSemicolon && !hasSemicolon)
        {
            return 0;
        }
        var digits = text.AsSpan(start, j - start).TrimStart('0');
        long number = digits.Length > 8
            ? long.MaxValue
            : digits.IsEmpty ? 0 : long.Parse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture);
        AppendCodePoint(number, sb);
        return j - i + (hasSemicolon ? 1 : 0);
    }

    private static void AppendCodePoint(long n, StringBuilder sb)
    {
        if (n == 0)
        {
            sb.Append('\uFFFD');
        }
        else if (n == 0x0D)
        {
            sb.Append('\r');
        }
        else if (n is >= 0x80 and <= 0x9F)
        {
            sb.Append(Windows1252Controls.Map((char)n));
        }
        else if (n is >= 0xD800 and <= 0xDFFF || n > 0x10FFFF)
        {
            sb.Append('\uFFFD');
        }
        else if (n is >= 0x1 and <= 0x8 or 0xB or >= 0xE and <= 0x1F or 0x7F or >= 0xFDD0 and <= 0xFDEF
                 || (n & 0xFFFE) == 0xFFFE)
        {
            // CPython's _invalid_codepoints decode to nothing.
        }
        else
        {
            sb.Append(char.ConvertFromUtf32((int)n));
        }
    }

    // CPython's named branch: up to 32 characters of [^\t\n\f <&#;] and an optional ';'.
    private static int DecodeNamed(string text, int i, StringBuilder sb)
    {
        var j = i + 1;
        while (j < text.Length && j - (i + 1) < 32 && text[j] is not ('\t' or '\n' or '\f' or ' ' or '<' or '&' or '#' or ';'))
        {
            j++;
        }
        if (j == i + 1)
        {
            return 0;
        }
        var name = text.Substring(i + 1, j - i - 1);
        var hasSemicolon = j < text.Length && text[j] == ';';
        if (TryNamed(hasSemicolon ? name + ";" : name, out var value))
        {
            sb.Append(value);
            return j - i + (hasSemicolon ? 1 : 0);
        }
        for (var x = hasSemicolon ? name.Length : name.Length - 1; x > 1; x--)
        {
            if (TryNamed(name[..x], out value))
            {
                sb.Append(value);
                return x + 1;
            }
        }
        return 0;
    }

    // name is the entity without '&', with its ';' if it has one.
    private static bool TryNamed(string name, out string value)
    {
        if (name.EndsWith(';'))
        {
            var entity = "&" + name;
            value = WebUtility.HtmlDecode(entity);
            if (value != entity)
            {
                return true;
            }
            return TryLegacyUpperCase(name[..^1], out value);
        }
        if (TryLegacyUpperCase(name, out value))
        {
            return true;
        }
        var decoded = WebUtility.HtmlDecode("&" + name + ";");
        if (decoded.Length == 1 && (decoded[0] is >= '\xA0' and <= '\xFF' || name is "amp" or "lt" or "gt" or "quot"))
        {
            value = decoded;
            return true;
        }
        value = "";
        return false;
    }

    private static bool TryLegacyUpperCase(string name, out string value)
    {
        value = name switch
        {
            "AMP" => "&",
            "LT" => "<",
            "GT" => ">",
            "QUOT" => "\"",
            "COPY" => "\u00a9",
            "REG" => "\u00ae",
            _ => "",
        };
        return value.Length > 0;
    }
}
