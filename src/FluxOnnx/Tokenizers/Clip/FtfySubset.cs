using System.Text;

namespace FluxOnnx.Tokenizers.Clip;

/// <summary>
/// The subset of ftfy's <c>fix_text</c> (rspeer/python-ftfy 6.x, default <c>TextFixerConfig</c>) that CLIP's
/// <c>basic_clean</c> relies on for ordinary prompts, applied in ftfy's order and repeated until the text stops
/// changing, as ftfy does:
/// <list type="number">
/// <item><c>unescape_html</c> (when the text has no '&lt;', ftfy's "auto" rule) — see <see cref="HtmlUnescaper.FtfyUnescape"/>;</item>
/// <item><c>fix_c1_controls</c>: U+0080..U+009F read as Windows-1252 (<see cref="Windows1252Controls"/>);</item>
/// <item><c>fix_latin_ligatures</c>: ĳ ŉ ǆ ǉ ǌ ǳ (and capitals), ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ spelled out (ftfy <c>chardata.LIGATURES</c>);</item>
/// <item><c>fix_character_width</c>: U+3000 → space and U+FF01..U+FFEF → their NFKC forms (ftfy <c>chardata.WIDTH_MAP</c>);</item>
/// <item><c>uncurl_quotes</c>: U+02BC, U+2018..U+201B → ' and U+201C..U+201F → ";</item>
/// <item><c>fix_line_breaks</c>: CRLF, CR, U+2028, U+2029 → LF (U+0085 has already become '…' by fix_c1_controls, as in ftfy's order);</item>
/// <item><c>fix_surrogates</c>: a lone UTF-16 surrogate → U+FFFD;</item>
/// <item><c>remove_terminal_escapes</c>: ESC '[' (digits | ';')* letter removed;</item>
/// <item><c>remove_control_chars</c>: U+0000..U+0008, U+000B, U+000E..U+001F, U+007F, U+206A..U+206F, U+FEFF, U+FFF9..U+FFFC removed.</item>
/// </list>
/// Not implemented, and why: <c>fix_encoding</c> (mojibake detection: needs ftfy's character-class and badness
/// tables; no prompt we test is mojibake, and its heuristics would need its data); <c>restore_byte_a0</c>,
/// <c>replace_lossy_sequences</c>, <c>decode_inconsistent_utf8</c> (parts of mojibake repair).
/// ftfy's final NFC normalisation is applied once the fixes are stable (it needs ICU: FluxOnnx does not run
/// in invariant-globalization mode for this reason).
/// </summary>
internal static class FtfySubset
{
    // NFKC of U+FF01..U+FFEF (generated from Python's unicodedata; '\0' = unchanged). U+FFE3 is handled apart
    // because its NFKC form is two characters (space, U+0304).
    private const string WidthTable =
        "\u0021\u0022\u0023\u0024\u0025\u0026\u0027\u0028\u0029\u002a\u002b\u002c\u002d\u002e\u002f\u0030" +
        "\u0031\u0032\u0033\u0034\u0035\u0036\u0037\u0038\u0039\u003a\u003b\u003c\u003d\u003e\u003f\u0040" +
        "\u0041\u0042\u0043\u0044\u0045\u0046\u0047\u0048\u0049\u004a\u004b\u004c\u004d\u004e\u004f\u0050" +
        "\u0051\u0052\u0053\u0054\u0055\u0056\u0057\u0058\u0059\u005a\u005b\u005c\u005d\u005e\u005f\u0060" +
        "\u0061\u0062\u0063\u0064\u0065\u0066\u0067\u0068\u0069\u006a\u006b\u006c\u006d\u006e\u006f\u0070" +
        "\u0071\u0072\u0073\u0074\u0075\u0076\u0077\u0078\u0079\u007a\u007b\u007c\u007d\u007e\u2985\u2986" +
        "\u3002\u300c\u300d\u3001\u30fb\u30f2\u30a1\u30a3\u30a5\u30a7\u30a9\u30e3\u30e5\u30e7\u30c3\u30fc" +
        "\u30a2\u30a4\u30a6\u30a8\u30aa\u30ab\u30ad\u30af\u30b1\u30b3\u30b5\u30b7\u30b9\u30bb\u30bd\u30bf" +
        "\u30c1\u30c4\u30c6\u30c8\u30ca\u30cb\u30cc\u30cd\u30ce\u30cf\u30d2\u30d5\u30d8\u30db\u30de\u30df" +
        "\u30e0\u30e1\u30e2\u30e4\u30e6\u30e8\u30e9\u30ea\u30eb\u30ec\u30ed\u30ef\u30f3\u3099\u309a\u1160" +
        "\u1100\u1101\u11aa\u1102\u11ac\u11ad\u1103\u1104\u1105\u11b0\u11b1\u11b2\u11b3\u11b4\u11b5\u111a" +
        "\u1106\u1107\u1108\u1121\u1109\u110a\u110b\u110c\u110d\u110e\u110f\u1110\u1111\u1112\0\0" +
        "\0\u1161\u1162\u1163\u1164\u1165\u1166\0\0\u1167\u1168\u1169\u116a\u116b\u116c\0" +
        "\0\u116d\u116e\u116f\u1170\u1171\u1172\0\0\u1173\u1174\u1175\0\0\0\u00a2" +
        "\u00a3\u00ac\0\u00a6\u00a5\u20a9\0\u2502\u2190\u2191\u2192\u2193\u25a0\u25cb\0";

    /// <summary>Applies the fixes listed on the type until the text is stable.</summary>
    public static string FixText(string text)
    {
        for (var round = 0; round < 8; round++)
        {
            var fixedText = FixOnce(text);
            if (fixedText == text)
            {
                break;
            }
            text = fixedText;
        }
        return text.Normalize(System.Text.NormalizationForm.FormC);
    }

    private static string FixOnce(string text)
    {
        if (!text.Contains('<'))
        {
            text = HtmlUnescaper.FtfyUnescape(text);
        }
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = Windows1252Controls.Map(text[i]);
            if (c == '\x1b' && TryTerminalEscape(text, i, out var escapeLength))
            {
                i += escapeLength - 1;
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }
            if (char.IsSurrogate(c))
            {
                sb.Append('\uFFFD');
                continue;
            }
            if (c == '\r')
            {
                sb.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                continue;
            }
            if (!AppendFixed(c, sb))
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    // Appends the replacement for c when one of the per-character fixes applies; false when c stays as is.
    private static bool AppendFixed(char c, StringBuilder sb)
    {
        switch (c)
        {
            case >= '\0' and <= '\x08' or '\x0b' or >= '\x0e' and <= '\x1f' or '\x7f':
            case >= '\u206a' and <= '\u206f' or '\ufeff' or >= '\ufff9' and <= '\ufffc':
                return true; // remove_control_chars
            case '\u2028' or '\u2029':
                sb.Append('\n');
                return true;
            case '\u02bc' or >= '\u2018' and <= '\u201b':
                sb.Append('\'');
                return true;
            case >= '\u201c' and <= '\u201f':
                sb.Append('"');
                return true;
            case '\u3000':
                sb.Append(' ');
                return true;
            case '\uffe3':
                sb.Append(" \u0304");
                return true;
            case >= '\uff01' and <= '\uffef' when WidthTable[c - 0xFF01] != '\0':
                sb.Append(WidthTable[c - 0xFF01]);
                return true;
        }
        var ligature = Ligature(c);
        if (ligature is null)
        {
            return false;
        }
        sb.Append(ligature);
        return true;
    }

    private static string? Ligature(char c) => c switch
    {
        '\u0132' => "IJ",
        '\u0133' => "ij",
        '\u0149' => "\u02bcn",
        '\u01f1' => "DZ",
        '\u01f2' => "Dz",
        '\u01f3' => "dz",
        '\u01c4' => "D\u017d",
        '\u01c5' => "D\u017e",
        '\u01c6' => "d\u017e",
        '\u01c7' => "LJ",
        '\u01c8' => "Lj",
        '\u01c9' => "lj",
        '\u01ca' => "NJ",
        '\u01cb' => "Nj",
        '\u01cc' => "nj",
        '\ufb00' => "ff",
        '\ufb01' => "fi",
        '\ufb02' => "fl",
        '\ufb03' => "ffi",
        '\ufb04' => "ffl",
        '\ufb05' => "\u017ft",
        '\ufb06' => "st",
        _ => null,
    };

    // ftfy ANSI_RE: ESC '[' ((digit | ';')*) [a-zA-Z].
    private static bool TryTerminalEscape(string text, int i, out int length)
    {
        length = 0;
        if (i + 1 >= text.Length || text[i + 1] != '[')
        {
            return false;
        }
        var j = i + 2;
        while (j < text.Length && (char.IsAsciiDigit(text[j]) || text[j] == ';'))
        {
            j++;
        }
        if (j < text.Length && char.IsAsciiLetter(text[j]))
        {
            length = j - i + 1;
            return true;
        }
        return false;
    }
}
