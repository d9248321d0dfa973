using System.Buffers;
using System.Globalization;
using System.Text;

namespace FluxOnnx.Tokenizers.Clip;

/// <summary>
/// Splits cleaned, lower-cased text into the pieces CLIP byte-pair encodes, reproducing the alternation of
/// openai/CLIP <c>clip/simple_tokenizer.py</c> (compiled with the <c>regex</c> module, IGNORECASE):
/// <c>&lt;|startoftext|&gt; | &lt;|endoftext|&gt; | 's|'t|'re|'ve|'m|'ll|'d | [\p{L}]+ | [\p{N}] | [^\s\p{L}\p{N}]+</c>.
/// </summary>
/// <remarks>
/// A hand-written scanner rather than a .NET <c>Regex</c>: .NET regular expressions classify UTF-16 code units,
/// so a letter outside the BMP (for example U+1D400 𝐀 or a CJK Extension B ideograph) would be read as two
/// surrogates and fall into the punctuation class, splitting words differently from Python, which classifies
/// code points. The scanner classifies <see cref="Rune"/>s and tries the alternatives in the reference order at
/// each position, so the leftmost-first semantics of the pattern are kept. Whitespace positions produce no
/// piece (Python's <c>re.findall</c> skips them).
/// </remarks>
internal static class ClipPreTokenizer
{
    /// <summary>The special-token spellings the reference pattern matches first (simple_tokenizer.py).</summary>
    public const string StartOfText = "<|startoftext|>";

    /// <inheritdoc cref="StartOfText"/>
    public const string EndOfText = "<|endoftext|>";

    private static readonly string[] Contractions = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d"];

    /// <summary>Returns the pieces of <paramref name="text"/> as (start, length) ranges in UTF-16 units.</summary>
    public static List<Range> Split(string text)
    {
        var pieces = new List<Range>();
        var i = 0;
        while (i < text.Length)
        {
            var length = MatchAt(text, i);
            if (length == 0)
            {
                i += Rune.GetRuneAt(text, i).Utf16SequenceLength; // whitespace: not part of any match
                continue;
            }
            pieces.Add(new Range(i, i + length));
            i += length;
        }
        return pieces;
    }

    private static int MatchAt(string text, int i)
    {
        var rest = text.AsSpan(i);
        if (rest.StartsWith(StartOfText, StringComparison.OrdinalIgnoreCase))
        {
            return StartOfText.Length;
        }
        if (rest.StartsWith(EndOfText, StringComparison.OrdinalIgnoreCase))
        {
            return EndOfText.Length;
        }
        foreach (var contraction in Contractions)
        {
            if (rest.StartsWith(contraction, StringComparison.OrdinalIgnoreCase))
            {
                return contraction.Length;
            }
        }

        var first = Classify(text, i, out var firstLength);
        switch (first)
        {
            case CharClass.Letter:
                return RunLength(text, i, CharClass.Letter);
            case CharClass.Number:
                return firstLength; // [\p{N}] matches one code point
            case CharClass.Other:
                return RunLength(text, i, CharClass.Other);
            default:
                return 0;
        }
    }

    private static int RunLength(string text, int start, CharClass wanted)
    {
        var i = start;
        while (i < text.Length && Classify(text, i, out var length) == wanted)
        {
            i += length;
        }
        return i - start;
    }

    private static CharClass Classify(string text, int i, out int utf16Length)
    {
        if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out utf16Length) != OperationStatus.Done)
        {
            utf16Length = 1; // lone surrogate: neither letter, number nor space
            return CharClass.Other;
        }
        if (rune.IsBmp && PythonWhitespace.IsSpace((char)rune.Value))
        {
            return CharClass.Space;
        }
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => CharClass.Letter,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber
                or UnicodeCategory.OtherNumber => CharClass.Number,
            _ => CharClass.Other,
        };
    }

    private enum CharClass
    {
        Space,
        Letter,
        Number,
        Other,
    }
}
