using System.Globalization;
using System.Text;

namespace FluxOnnx.Tokenizers.Clip;

/// <summary>
/// CLIP's text front end before pre-tokenisation, as openai/CLIP <c>clip/simple_tokenizer.py</c>
/// <c>SimpleTokenizer.encode</c> applies it: <c>whitespace_clean(basic_clean(text)).lower()</c>, where
/// <c>basic_clean</c> is <c>ftfy.fix_text</c> (the subset in <see cref="FtfySubset"/>), then
/// <c>html.unescape</c> twice, then <c>strip()</c>; and <c>whitespace_clean</c> replaces each run of Python
/// whitespace by one space and strips.
/// </summary>
internal static class ClipTextCleaner
{
    /// <summary>Returns the cleaned, lower-cased text that the pre-tokenizer splits.</summary>
    public static string Clean(string text)
    {
        text = FtfySubset.FixText(text);
        text = HtmlUnescaper.PythonUnescape(HtmlUnescaper.PythonUnescape(text));
        return Lower(CollapseWhitespace(text));
    }

    // re.sub(r'\s+', ' ', text).strip(); the earlier strip() in basic_clean is subsumed.
    private static string CollapseWhitespace(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (PythonWhitespace.IsSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    // Python str.lower(): full Unicode lower-casing. .NET's invariant lower-casing is the simple mapping, so the
    // two context-free and contextual differences of SpecialCasing.txt that CPython applies are added here:
    // U+0130 → "i" + U+0307 (.NET leaves U+0130 unchanged in globalization-invariant mode), and capital sigma
    // → final sigma U+03C2 at the end of a word (CPython's Final_Sigma rule).
    private static string Lower(string text)
    {
        var lowered = text.ToLowerInvariant();
        if (!text.Contains('\u0130') && !text.Contains('\u03a3'))
        {
            return lowered;
        }
        var sb = new StringBuilder(lowered.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\u0130')
            {
                sb.Append("i\u0307");
            }
            else if (text[i] == '\u03a3' && IsFinalSigma(text, i))
            {
                sb.Append('\u03c2');
            }
            else
            {
                sb.Append(lowered[i]);
            }
        }
        return sb.ToString();
    }

    // Final_Sigma (Unicode 3.13): a cased letter before (skipping case-ignorables), none after.
    private static bool IsFinalSigma(string text, int i)
    {
        var before = i - 1;
        while (before >= 0 && IsCaseIgnorable(text[before]))
        {
            before--;
        }
        var after = i + 1;
        while (after < text.Length && IsCaseIgnorable(text[after]))
        {
            after++;
        }
        return before >= 0 && IsCased(text[before]) && !(after < text.Length && IsCased(text[after]));
    }

    private static bool IsCased(char c) => char.GetUnicodeCategory(c) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;

    private static bool IsCaseIgnorable(char c) => c is '\'' or '.' or ':' or '^' or '`' or '\u00b7' or '\u2019'
        || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol;
}
