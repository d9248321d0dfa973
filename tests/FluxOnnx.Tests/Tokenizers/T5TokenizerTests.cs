using FluxOnnx.TestSupport;
using FluxOnnx.Tokenizers;
using FluxOnnx.Tokenizers.T5;
using Xunit;

namespace FluxOnnx.Tests.Tokenizers;

/// <summary>
/// The tiny generated SentencePiece model round-trips, and bad input fails with typed exceptions. Expected ids
/// follow from the layout documented on <see cref="TinyT5TokenizerFiles"/>: ▁ = 3, 'a'..'z' = 4..29,
/// 'A'..'Z' = 30..55, then word pieces from 98 (▁the 98, ▁a 99, ▁cat 100, ▁dog 101, ▁and 102, th 103, he 104,
/// ing 105, in 106); single characters score −5, ▁ −2, unknown −15.
/// </summary>
public sealed class T5TokenizerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private T5Tokenizer Tiny()
    {
        TinyT5TokenizerFiles.Write(_dir.Path);
        return T5Tokenizer.FromDirectory(_dir.Path);
    }

    [Fact]
    public void TinyModel_TokenizesSamplePrompt_ToHandDerivedIds()
    {
        var ids = Tiny().Encode("The cat and a dog", 10);

        // "▁The▁cat▁and▁a▁dog": no "▁The" piece, so ▁ (−2) T (−5) he (−4) = −11 beats ▁ T h e (−17).
        long[] expected = [3, 49, 104, 100, 102, 99, 101, 1, 0, 0];
        Assert.Equal(expected, ids);
    }

    [Fact]
    public void TinyModel_PrefersHigherScoringSplit()
    {
        // "▁singing": ▁ s ing ing = −2 −5 −4.5 −4.5 = −16 beats ▁ s in g ing = −20.5.
        Assert.Equal([3, 22, 105, 105], Tiny().Tokenize("singing"));
    }

    [Fact]
    public void TinyModel_MergesConsecutiveUnknownCharacters()
    {
        // "▁a▁€€▁b": € has no piece; the two unknowns become one <unk> (2), as sentencepiece merges them.
        Assert.Equal([99, 3, 2, 3, 5], Tiny().Tokenize("a \u20ac\u20ac b"));
    }

    [Fact]
    public void TinyModel_RemovesExtraWhitespace()
    {
        Assert.Equal([98, 101], Tiny().Tokenize("  the    dog  "));
    }

    [Fact]
    public void TinyModel_IdentityNormalizer_KeepsTabAsUnknownCharacter()
    {
        // Without a charsmap only ' ' is whitespace: "▁the\tdog" = ▁the, <unk> (tab), d o g (7, 18, 10).
        Assert.Equal([98, 2, 7, 18, 10], Tiny().Tokenize("the\tdog"));
    }

    [Fact]
    public void TinyModel_EmptyText_IsEosThenPadding()
    {
        long[] expected = [1, 0, 0, 0];
        Assert.Equal(expected, Tiny().Encode("", 4));
    }

    [Fact]
    public void Encode_TruncatesToMaxLengthMinusOneThenEos()
    {
        long[] expected = [3, 49, 1];
        Assert.Equal(expected, Tiny().Encode("The cat and a dog", 3));
    }

    [Fact]
    public void TinyModel_FileIsByteIdenticalAcrossCalls()
    {
        using var other = new TempDirectory();
        TinyT5TokenizerFiles.Write(_dir.Path);
        TinyT5TokenizerFiles.Write(other.Path);

        Assert.Equal(File.ReadAllBytes(_dir.File("spiece.model")), File.ReadAllBytes(other.File("spiece.model")));
        Assert.Equal(TinyT5TokenizerFiles.VocabularySize, T5Tokenizer.FromDirectory(_dir.Path).VocabularySize);
    }

    [Fact]
    public void EncodeBatch_EncodesEachPrompt()
    {
        var batch = Tiny().EncodeBatch(["the dog", "a cat"], 4);

        Assert.Equal([98L, 101, 1, 0], batch[0]);
        Assert.Equal([99L, 100, 1, 0], batch[1]);
    }

    [Fact]
    public void FromDirectory_MissingModel_ThrowsFileNotFoundNamingPath()
    {
        var e = Assert.Throws<FileNotFoundException>(() => T5Tokenizer.FromDirectory(_dir.Path));

        Assert.Equal(Path.GetFullPath(_dir.File("spiece.model")), e.FileName);
        Assert.Contains(_dir.File("spiece.model"), e.Message);
    }

    [Fact]
    public void FromModelFile_TruncatedModel_ThrowsTokenizerFileExceptionNamingFile()
    {
        var real = File.ReadAllBytes(Path.Combine(SharedPaths.Tokenizers, "t5", "spiece.model"));
        File.WriteAllBytes(_dir.File("spiece.model"), real[..1000]);

        var e = Assert.Throws<TokenizerFileException>(() => T5Tokenizer.FromModelFile(_dir.File("spiece.model")));

        Assert.Equal(Path.GetFullPath(_dir.File("spiece.model")), e.FilePath);
        Assert.Contains(_dir.File("spiece.model"), e.Message);
    }

    [Fact]
    public void FromModelFile_GarbageBytes_ThrowsTokenizerFileException()
    {
        File.WriteAllBytes(_dir.File("spiece.model"), [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]);

        var e = Assert.Throws<TokenizerFileException>(() => T5Tokenizer.FromModelFile(_dir.File("spiece.model")));

        Assert.Equal(Path.GetFullPath(_dir.File("spiece.model")), e.FilePath);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void Encode_MaxLengthBelowTwo_Throws(int maxLength)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Tiny().Encode("the dog", maxLength));

        Assert.Equal("maxLength", e.ParamName);
    }
}
