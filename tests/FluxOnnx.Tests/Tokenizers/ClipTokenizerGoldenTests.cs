using FluxOnnx.TestSupport;
using FluxOnnx.Tokenizers.Clip;
using Xunit;

namespace FluxOnnx.Tests.Tokenizers;

/// <summary>CLIP ids equal openai SimpleTokenizer's for every public golden prompt.</summary>
public sealed class ClipTokenizerGoldenTests
{
    private static readonly Lazy<ClipTokenizer> Tokenizer =
        new(() => ClipTokenizer.FromDirectory(Path.Combine(SharedPaths.Tokenizers, "clip")));

    [Theory]
    [MemberData(nameof(GoldenPrompts.Ids), MemberType = typeof(GoldenPrompts))]
    public void Encode_MatchesGoldenIds(string promptId)
    {
        var expected = GoldenPrompts.ClipIds(promptId);

        var actual = Tokenizer.Value.Encode(GoldenPrompts.Text(promptId));

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(GoldenPrompts.Ids), MemberType = typeof(GoldenPrompts))]
    public void Tokenize_CountMatchesGoldenUntruncatedCount(string promptId)
    {
        var actual = Tokenizer.Value.Tokenize(GoldenPrompts.Text(promptId));

        Assert.Equal(GoldenPrompts.ClipUntruncatedCount(promptId), actual.Count);
    }

    [Fact]
    public void Load_ReadsSpecialIdsFromVocabulary()
    {
        Assert.Equal(49406, Tokenizer.Value.BosId);
        Assert.Equal(49407, Tokenizer.Value.EosId);
        Assert.Equal(49408, Tokenizer.Value.VocabularySize);
    }

    [Fact]
    public void EncodeBatch_EncodesEachPromptLikeEncode()
    {
        var texts = new[] { GoldenPrompts.Text("dog_beach"), GoldenPrompts.Text("numbers") };

        var batch = Tokenizer.Value.EncodeBatch(texts);

        Assert.Equal(2, batch.Length);
        Assert.Equal(GoldenPrompts.ClipIds("dog_beach"), batch[0]);
        Assert.Equal(GoldenPrompts.ClipIds("numbers"), batch[1]);
    }

    [Fact]
    public void Encode_DecomposedAccents_MatchGoldenIdsOfTheComposedPrompt()
    {
        // ftfy.fix_text ends with NFC, so "e" + U+0301 must tokenize like "é".
        var decomposed = GoldenPrompts.Text("accented").Normalize(System.Text.NormalizationForm.FormD);
        Assert.NotEqual(GoldenPrompts.Text("accented"), decomposed);

        var actual = Tokenizer.Value.Encode(decomposed);

        Assert.Equal(GoldenPrompts.ClipIds("accented"), actual);
    }
}
