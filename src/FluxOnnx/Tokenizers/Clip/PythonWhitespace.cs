namespace FluxOnnx.Tokenizers.Clip;

/// <summary>
/// Python 3's notion of whitespace (<c>str.isspace</c>, <c>str.strip()</c> and <c>re</c>'s Unicode <c>\s</c>):
/// characters of bidirectional class WS, B or S, or general category Zs. This differs from .NET's
/// <see cref="char.IsWhiteSpace(char)"/> in U+001C..U+001F (Python: space; .NET: also space) and from .NET
/// Regex <c>\s</c> (which lacks U+001C..U+001F), so CLIP's <c>whitespace_clean</c> is reproduced with this table.
/// </summary>
internal static class PythonWhitespace
{
    /// <summary>True when Python's <c>str.isspace</c> is true for the single character <paramref name="c"/>.</summary>
    public static bool IsSpace(char c) => c switch
    {
        >= '\t' and <= '\r' => true,
        >= '\x1c' and <= ' ' => true,
        '\x85' or '\xa0' or '\u1680' => true,
        >= '\u2000' and <= '\u200a' => true,
        '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000' => true,
        _ => false,
    };
}
