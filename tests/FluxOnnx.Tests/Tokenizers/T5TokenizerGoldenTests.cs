using FluxOnnx.TestSupport;
using FluxOnnx.Tokenizers.T5;
using Xunit;

namespace FluxOnnx.Tests.Tokenizers;

/// <summary>T5 ids equal sentencepiece 0.1.97's for every public golden prompt and every length in the file.</summary>
public sealed class T5TokenizerGoldenTests
{
    private static readonly Lazy<T5Tokenizer> Tokenizer =
        new(() => T5Tokenizer.FromDirectory(Path.Combine(SharedPaths.Tokenizers, "t5")));

    [Theory]
    [MemberData(nameof(GoldenPrompts.IdsWithT5Lengths), MemberType = typeof(GoldenPrompts))]
    public void Encode_MatchesGoldenIds(string promptId, int maxLength)
    {
        var expected = GoldenPrompts.T5Ids(promptId, maxLength);

        var actual = Tokenizer.Value.Encode(GoldenPrompts.Text(promptId), maxLength);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(GoldenPrompts.Ids), MemberType = typeof(GoldenPrompts))]
    public void Tokenize_CountMatchesGoldenUntruncatedCount(string promptId)
    {
        var actual = Tokenizer.Value.Tokenize(GoldenPrompts.Text(promptId));

        Assert.Equal(GoldenPrompts.T5UntruncatedCount(promptId), actual.Count);
    }

    /// <summary>
    /// The three inputs on which Microsoft.ML.Tokenizers 3.0.0 departs from sentencepiece (see T5Tokenizer's header):
    /// a run of unknown characters is one &lt;unk&gt;, control characters are deleted by the normalizer, and the
    /// "??" + "?" split of a score tie. Expected ids from sentencepiece 0.1.97 (<c>SentencePieceProcessor.encode</c> on
    /// ../shared/tokenizers/t5/spiece.model), without the EOS the tokenizer's <c>Tokenize</c> does not add.
    /// </summary>
    [Theory]
    [InlineData("\u65E5\u672C\u8A9E\u306E\u30C6\u30AD\u30B9\u30C8", new[] { 3, 2 })]
    [InlineData("\u001Aquiet", new[] { 4354 })]
    [InlineData("\u2047\u2047", new[] { 3, 8665, 58 })]
    public void Tokenize_MatchesSentencepieceWhereTheLibraryDiffers(string escaped, int[] expected)
    {
        var prompt = System.Text.RegularExpressions.Regex.Unescape(escaped);

        var actual = Tokenizer.Value.Tokenize(prompt);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Load_ReadsSpecialIdsFromModel()
    {
        Assert.Equal(1, Tokenizer.Value.EosId);
        Assert.Equal(0, Tokenizer.Value.PadId);
        Assert.Equal(2, Tokenizer.Value.UnkId);
        Assert.Equal(32000, Tokenizer.Value.VocabularySize);
    }
}
