using System.Text;

namespace FluxOnnx.Tokenizers.T5;

/// <summary>
/// SentencePiece's text normaliser (google/sentencepiece <c>src/normalizer.cc</c> <c>Normalizer::Normalize</c>
/// and <c>NormalizePrefix</c>), producing the UTF-8 string the unigram model segments:
/// <list type="bullet">
/// <item>the input is consumed rule by rule: a user-defined piece at the current position is copied as is; else
/// the longest <see cref="PrecompiledCharsMap"/> rule (for T5, <c>nmt_nfkc</c>) gives the replacement; else one
/// UTF-8 character is copied (an invalid byte becomes U+FFFD);</item>
/// <item>with <c>remove_extra_whitespaces</c>: replacements that are exactly " " at the start are dropped, leading
/// spaces of a replacement are dropped after a replacement ending in a space, and trailing spaces are removed;</item>
/// <item>with <c>add_dummy_prefix</c>: one space is put in front (behind, if <c>treat_whitespace_as_suffix</c>);</item>
/// <item>with <c>escape_whitespaces</c>: every space becomes U+2581 "▁".</item>
/// </list>
/// </summary>
internal sealed class SentencePieceNormalizer
{
    private static readonly byte[] SpaceSymbol = "\u2581"u8.ToArray();
    private static readonly byte[] PlainSpace = [(byte)' '];
    private static readonly byte[] ReplacementCharacter = "\uFFFD"u8.ToArray();

    private readonly PrecompiledCharsMap? _charsMap;
    private readonly PieceTrie? _userDefined;
    private readonly bool _addDummyPrefix;
    private readonly bool _removeExtraWhitespaces;
    private readonly bool _escapeWhitespaces;
    private readonly bool _treatWhitespaceAsSuffix;

    /// <param name="charsMap">Compiled rules, or null for identity.</param>
    /// <param name="userDefined">User-defined pieces, which bypass normalisation, or null when there are none.</param>
    /// <param name="addDummyPrefix">NormalizerSpec.add_dummy_prefix.</param>
    /// <param name="removeExtraWhitespaces">NormalizerSpec.remove_extra_whitespaces.</param>
    /// <param name="escapeWhitespaces">NormalizerSpec.escape_whitespaces.</param>
    /// <param name="treatWhitespaceAsSuffix">TrainerSpec.treat_whitespace_as_suffix.</param>
    public SentencePieceNormalizer(
        PrecompiledCharsMap? charsMap,
        PieceTrie? userDefined,
        bool addDummyPrefix,
        bool removeExtraWhitespaces,
        bool escapeWhitespaces,
        bool treatWhitespaceAsSuffix)
    {
        _charsMap = charsMap;
        _userDefined = userDefined;
        _addDummyPrefix = addDummyPrefix;
        _removeExtraWhitespaces = removeExtraWhitespaces;
        _escapeWhitespaces = escapeWhitespaces;
        _treatWhitespaceAsSuffix = treatWhitespaceAsSuffix;
    }

    /// <summary>Normalises <paramref name="text"/>; the result is UTF-8 and empty when the text is empty or all spaces.</summary>
    public byte[] Normalize(string text)
    {
        ReadOnlySpan<byte> input = Encoding.UTF8.GetBytes(text);
        var output = new List<byte>(input.Length * 3 / 2 + 3);
        if (input.IsEmpty)
        {
            return [];
        }

        if (_removeExtraWhitespaces)
        {
            while (!input.IsEmpty)
            {
                var consumed = NormalizePrefix(input, out var replacement);
                if (!replacement.SequenceEqual(" "u8))
                {
                    break;
                }
                input = input[consumed..];
            }
        }
        if (input.IsEmpty)
        {
            return [];
        }

        if (!_treatWhitespaceAsSuffix && _addDummyPrefix)
        {
            AppendSpace(output);
        }

        var isPrevSpace = _removeExtraWhitespaces;
        while (!input.IsEmpty)
        {
            var consumed = NormalizePrefix(input, out var piece);
            while (isPrevSpace && !piece.IsEmpty && piece[0] == (byte)' ')
            {
                piece = piece[1..];
            }
            if (!piece.IsEmpty)
            {
                foreach (var b in piece)
                {
                    if (b == (byte)' ')
                    {
                        AppendSpace(output);
                    }
                    else
                    {
                        output.Add(b);
                    }
                }
                isPrevSpace = piece[^1] == (byte)' ';
            }
            input = input[consumed..];
            if (!_removeExtraWhitespaces)
            {
                isPrevSpace = false;
            }
        }

        if (_removeExtraWhitespaces)
        {
            var space = _escapeWhitespaces ? SpaceSymbol : PlainSpace;
            while (output.Count >= space.Length && EndsWith(output, space))
            {
                output.RemoveRange(output.Count - space.Length, space.Length);
            }
        }

        if (_treatWhitespaceAsSuffix && _addDummyPrefix)
        {
            AppendSpace(output);
        }
        return output.ToArray();
    }

    private void AppendSpace(List<byte> output)
    {
        if (_escapeWhitespaces)
        {
            output.AddRange(SpaceSymbol);
        }
        else
        {
            output.Add((byte)' ');
        }
    }

    private static bool EndsWith(List<byte> output, byte[] suffix)
    {
        for (var i = 0; i < suffix.Length; i++)
        {
            if (output[output.Count - suffix.Length + i] != suffix[i])
            {
                return false;
            }
        }
        return true;
    }

    // Returns how many input bytes the next rule consumes and what it produces.
    private int NormalizePrefix(ReadOnlySpan<byte> input, out ReadOnlySpan<byte> replacement)
    {
        if (_userDefined is not null)
        {
            var length = _userDefined.LongestPrefix(input, out _);
            if (length > 0)
            {
                replacement = input[..length];
                return length;
            }
        }
        if (_charsMap is not null)
        {
            var length = _charsMap.Match(input, out replacement);
            if (length > 0)
            {
                return length;
            }
        }
        var charLength = Utf8CharLength(input);
        if (charLength == 0)
        {
            replacement = ReplacementCharacter;
            return 1;
        }
        replacement = input[..charLength];
        return charLength;
    }

    // Length of the valid UTF-8 character at the start of input, or 0 when it is malformed.
    private static int Utf8CharLength(ReadOnlySpan<byte> input)
    {
        var status = System.Text.Rune.DecodeFromUtf8(input, out _, out var consumed);
        return status == System.Buffers.OperationStatus.Done ? consumed : 0;
    }
}
