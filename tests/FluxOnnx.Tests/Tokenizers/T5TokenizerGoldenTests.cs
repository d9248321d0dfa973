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

    [Fact]
    public void Load_ReadsSpecialIdsFromModel()
    {
        Assert.Equal(1, Tokenizer.Value.EosId);
        Assert.Equal(0, Tokenizer.Value.PadId);
        Assert.Equal(2, Tokenizer.Value.UnkId);
        Assert.Equal(32000, Tokenizer.Value.VocabularySize);
    }
}
