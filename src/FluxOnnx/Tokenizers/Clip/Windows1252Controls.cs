namespace FluxOnnx.Tokenizers.Clip;

/// <summary>
/// What bytes 0x80..0x9F mean in Windows-1252, with the five bytes Windows-1252 leaves undefined (0x81, 0x8D,
/// 0x8F, 0x90, 0x9D) kept as the C1 control of the same value. This is both ftfy's "sloppy-windows-1252" for the
/// C1 range (rspeer/python-ftfy <c>ftfy/bad_codecs/sloppy.py</c>, used by <c>fix_c1_controls</c>) and CPython's
/// <c>html._invalid_charrefs</c> table for numeric references <c>&amp;#128;</c>..<c>&amp;#159;</c>.
/// </summary>
internal static class Windows1252Controls
{
    private const string Table =
        "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
        "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

    /// <summary>The character Windows-1252 gives to <paramref name="c"/> when it is in U+0080..U+009F; otherwise <paramref name="c"/>.</summary>
    public static char Map(char c) => c is >= '\x80' and <= '\x9f' ? Table[c - 0x80] : c;
}
