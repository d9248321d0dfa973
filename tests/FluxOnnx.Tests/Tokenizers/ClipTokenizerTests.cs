using FluxOnnx.TestSupport;
using FluxOnnx.Tokenizers;
using FluxOnnx.Tokenizers.Clip;
using Xunit;

namespace FluxOnnx.Tests.Tokenizers;

/// <summary>
/// The tiny generated CLIP vocabulary round-trips, and bad input fails with typed exceptions. Expected ids follow
/// from the layout documented on <see cref="TinyClipTokenizerFiles"/>: byte symbol of character c is c − 33 for
/// '!'..'~', its &lt;/w&gt; form adds 256, the result of merge rank r is 512 + r, then the two special tokens.
/// </summary>
public sealed class ClipTokenizerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TinyFiles_TokenizeSamplePrompt_ToHandDerivedIds()
    {
        TinyClipTokenizerFiles.Write(_dir.Path, vocabularySize: 530);
        var tokenizer = ClipTokenizer.FromDirectory(_dir.Path, maxLength: 16);

        var ids = tokenizer.Encode("The  cat and the dog! xyz sting");

        // the</w> = merge 1, cat</w> = merge 9, and</w> = merge 3, dog</w> = merge 11, "!</w>" = 256 + 0,
        // x = 87, y = 88, z</w> = 256 + 89, "sting" → s t in g</w> → s t ing</w> → st (merge 12) ing</w> (merge 5).
        long[] expected = [528, 513, 521, 515, 513, 523, 256, 87, 88, 345, 524, 517, 529, 529, 529, 529];
        Assert.Equal(expected, ids);
        Assert.Equal(528, tokenizer.BosId);
        Assert.Equal(529, tokenizer.EosId);
    }

    [Fact]
    public void TinyFiles_SmallVocabulary_KeepsEveryIdBelowIt()
    {
        TinyClipTokenizerFiles.Write(_dir.Path, vocabularySize: 516);
        var tokenizer = ClipTokenizer.FromDirectory(_dir.Path, maxLength: 8);

        var ids = tokenizer.Encode("the cat");

        // Only merges 0 and 1 fit: the</w> = 513; "cat" stays c (66) a (64) t</w> (256 + 83); specials 514, 515.
        long[] expected = [514, 513, 66, 64, 339, 515, 515, 515];
        Assert.Equal(expected, ids);
        Assert.Equal(516, tokenizer.VocabularySize);
    }

    [Fact]
    public void TinyFiles_AreByteIdenticalAcrossCalls()
    {
        using var other = new TempDirectory();
        TinyClipTokenizerFiles.Write(_dir.Path, 530);
        TinyClipTokenizerFiles.Write(other.Path, 530);

        Assert.Equal(File.ReadAllBytes(_dir.File("vocab.json")), File.ReadAllBytes(other.File("vocab.json")));
        Assert.Equal(File.ReadAllBytes(_dir.File("merges.txt")), File.ReadAllBytes(other.File("merges.txt")));
    }

    [Fact]
    public void Encode_TruncatesToMaxLengthMinusTwoContentTokens()
    {
        TinyClipTokenizerFiles.Write(_dir.Path, 530);
        var tokenizer = ClipTokenizer.FromDirectory(_dir.Path, maxLength: 5);

        var ids = tokenizer.Encode("the cat and the dog");

        long[] expected = [528, 513, 521, 515, 529];
        Assert.Equal(expected, ids);
    }

    [Fact]
    public void Tokenize_AppliesCleanupBeforeSplitting()
    {
        var tokenizer = ClipTokenizer.FromDirectory(Path.Combine(SharedPaths.Tokenizers, "clip"));

        // Curly quotes are straightened (ftfy uncurl_quotes), "&amp;" is unescaped, fullwidth letters are narrowed
        // (ftfy fix_character_width), runs of whitespace collapse and text is lower-cased.
        var cleaned = tokenizer.Tokenize("\u201cCAT\u201d &amp;\t\n \uFF24\uFF2F\uFF27");
        var plain = tokenizer.Tokenize("\"cat\" & dog");

        Assert.Equal(plain, cleaned);
    }

    [Fact]
    public void FromDirectory_MissingVocab_ThrowsFileNotFoundNamingPath()
    {
        var e = Assert.Throws<FileNotFoundException>(() => ClipTokenizer.FromDirectory(_dir.Path));

        Assert.Equal(Path.GetFullPath(_dir.File("vocab.json")), e.FileName);
        Assert.Contains(_dir.File("vocab.json"), e.Message);
    }

    [Fact]
    public void FromDirectory_MissingMerges_ThrowsFileNotFoundNamingPath()
    {
        TinyClipTokenizerFiles.Write(_dir.Path, 530);
        File.Delete(_dir.File("merges.txt"));

        var e = Assert.Throws<FileNotFoundException>(() => ClipTokenizer.FromDirectory(_dir.Path));

        Assert.Equal(Path.GetFullPath(_dir.File("merges.txt")), e.FileName);
    }

    [Fact]
    public void FromDirectory_CorruptVocab_ThrowsTokenizerFileException()
    {
        TinyClipTokenizerFiles.Write(_dir.Path, 530);
        File.WriteAllText(_dir.File("vocab.json"), "{ \"a\": ");

        var e = Assert.Throws<TokenizerFileException>(() => ClipTokenizer.FromDirectory(_dir.Path));

        Assert.Equal(Path.GetFullPath(_dir.File("vocab.json")), e.FilePath);
    }

    [Fact]
    public void FromDirectory_MergeOutsideVocabulary_ThrowsTokenizerFileExceptionForMerges()
    {
        TinyClipTokenizerFiles.Write(_dir.Path, 530);
        File.AppendAllText(_dir.File("merges.txt"), "q z</w>\n");

        var e = Assert.Throws<TokenizerFileException>(() => ClipTokenizer.FromDirectory(_dir.Path));

        Assert.Equal(Path.GetFullPath(_dir.File("merges.txt")), e.FilePath);
        Assert.Contains("line 18", e.Reason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void FromDirectory_MaxLengthBelowTwo_Throws(int maxLength)
    {
        TinyClipTokenizerFiles.Write(_dir.Path, 530);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ClipTokenizer.FromDirectory(_dir.Path, maxLength));

        Assert.Equal("maxLength", e.ParamName);
    }

    [Fact]
    public void Write_VocabularyBelowMinimum_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TinyClipTokenizerFiles.Write(_dir.Path, 513));
    }
}
