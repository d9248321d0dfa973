using System.Text;

namespace FluxOnnx.Tokenizers.Clip;

/// <summary>
/// Writes a small, valid CLIP tokenizer folder (<c>vocab.json</c>, <c>merges.txt</c>) for the tiny built-in test
/// model, in the same layout and id order as CLIP's own vocabulary so that <see cref="ClipTokenizer"/> reads it
/// unchanged. Output bytes are identical on every call (UTF-8 without BOM, LF line ends, fixed entry order).
/// </summary>
/// <remarks>
/// Id layout (as openai/CLIP <c>simple_tokenizer.py</c> builds its vocabulary):
/// <list type="bullet">
/// <item>0..255: the 256 byte-level symbols in <c>bytes_to_unicode</c> order (so '!' is 0, 'a' is 64, 'x' is 87);</item>
/// <item>256..511: the same symbols followed by <c>&lt;/w&gt;</c>;</item>
/// <item>512..512+m-1: the results of the first m entries of <see cref="Merges"/>, in rank order;</item>
/// <item>512+m: <c>&lt;|startoftext|&gt;</c>; 512+m+1: <c>&lt;|endoftext|&gt;</c>, the last id.</item>
/// </list>
/// m is the largest count up to <see cref="Merges"/>.Length that keeps every id below the requested vocabulary size.
/// </remarks>
public static class TinyClipTokenizerFiles
{
    /// <summary>Smallest vocabulary that holds the 512 byte symbols and the two special tokens.</summary>
    public const int MinimumVocabularySize = 514;

    /// <summary>
    /// The merges, in rank order, as (left, right) symbols; each result is <c>left + right</c>. Chosen so that
    /// "the", "and", "cat", "dog", "on", "in…ing" merge into single tokens.
    /// </summary>
    public static IReadOnlyList<(string Left, string Right)> Merges { get; } =
    [
        ("t", "h"), ("th", "e</w>"), ("a", "n"), ("an", "d</w>"),
        ("i", "n"), ("in", "g</w>"), ("o", "n</w>"), ("e", "r</w>"),
        ("c", "a"), ("ca", "t</w>"), ("d", "o"), ("do", "g</w>"),
        ("s", "t"), ("o", "r</w>"), ("e", "n</w>"), ("a", "t</w>"),
    ];

    /// <summary>
    /// Writes <c>vocab.json</c> and <c>merges.txt</c> into <paramref name="directory"/> (created if needed, files
    /// overwritten) with every id below <paramref name="vocabularySize"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="vocabularySize"/> is below <see cref="MinimumVocabularySize"/>.</exception>
    public static void Write(string directory, int vocabularySize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, MinimumVocabularySize);
        var mergeCount = Math.Min(Merges.Count, vocabularySize - MinimumVocabularySize);

        var symbols = new List<string>();
        foreach (var b in ByteLevelAlphabet.VocabularyOrder)
        {
            symbols.Add(ByteLevelAlphabet.ByteToChar[b].ToString());
        }
        symbols.AddRange(symbols.Select(s => s + "</w>").ToList());
        for (var i = 0; i < mergeCount; i++)
        {
            symbols.Add(Merges[i].Left + Merges[i].Right);
        }
        symbols.Add(ClipPreTokenizer.StartOfText);
        symbols.Add(ClipPreTokenizer.EndOfText);

        var vocab = new StringBuilder("{\n");
        for (var id = 0; id < symbols.Count; id++)
        {
            vocab.Append("  \"").Append(JsonEscape(symbols[id])).Append("\": ").Append(id)
                .Append(id + 1 < symbols.Count ? ",\n" : "\n");
        }
        vocab.Append("}\n");

        var merges = new StringBuilder("#version: 0.2\n");
        for (var i = 0; i < mergeCount; i++)
        {
            merges.Append(Merges[i].Left).Append(' ').Append(Merges[i].Right).Append('\n');
        }

        Directory.CreateDirectory(directory);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        File.WriteAllText(Path.Combine(directory, ClipTokenizer.VocabFileName), vocab.ToString(), utf8);
        File.WriteAllText(Path.Combine(directory, ClipTokenizer.MergesFileName), merges.ToString(), utf8);
    }

    // Byte-level symbols contain no control characters; only the quote and backslash need escaping.
    private static string JsonEscape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
