using Xunit;
using System.Text;
using FluxOnnx.Imaging;
using static FluxOnnx.Tests.Imaging.HandmadePng;

namespace FluxOnnx.Tests.Imaging;

public class PngTextTests
{
    private static readonly PixelImage Tiny = new(1, 1, 3, [1, 2, 3]);

    [Fact]
    public void ChinesePromptRoundTripsThroughITxt()
    {
        const string prompt = "一只在月球上骑马的宇航员，高度细节，35毫米胶片";
        var options = new PngEncoderOptions { Text = [new PngTextEntry("prompt", prompt), new PngTextEntry("Software", "FluxOnnx café")] };
        byte[] bytes = PngEncoder.Encode(Tiny, options);
        string ascii = Encoding.Latin1.GetString(bytes);
        Assert.Contains("iTXtprompt", ascii, StringComparison.Ordinal);
        Assert.Contains("tEXtSoftware", ascii, StringComparison.Ordinal);

        var text = PngTextReader.Read(bytes);
        Assert.Equal(2, text.Count);
        Assert.Equal(("prompt", prompt, PngTextKind.InternationalText), (text[0].Keyword, text[0].Text, text[0].Kind));
        Assert.Equal(("Software", "FluxOnnx café", PngTextKind.Text), (text[1].Keyword, text[1].Text, text[1].Kind));
        Assert.Equal(Tiny.Pixels, ImageDecoder.Decode(bytes).Pixels); // the spliced chunks leave the image readable
    }

    [Fact]
    public void TextIsLatin1OnDisk()
    {
        // "é" must be the single byte 0xE9 in tEXt, not UTF-8's C3 A9.
        byte[] bytes = PngEncoder.Encode(Tiny, new PngEncoderOptions { Text = [new PngTextEntry("Title", "é")] });
        int at = Encoding.Latin1.GetString(bytes).IndexOf("tEXtTitle", StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0, 0xE9 }, bytes[(at + 9)..(at + 11)]);
    }

    [Fact]
    public void ITxtLanguageTagAndTranslatedKeywordRoundTrip()
    {
        var entry = new PngTextEntry("Title", "月") { LanguageTag = "zh-CN", TranslatedKeyword = "标题" };
        var read = PngTextReader.Read(PngEncoder.Encode(Tiny, new PngEncoderOptions { Text = [entry] })).Single();
        Assert.Equal(("zh-CN", "标题", "月"), (read.LanguageTag, read.TranslatedKeyword, read.Text));
    }

    [Fact]
    public void ReadsHandmadeZTxtAndCompressedITxt()
    {
        byte[] ztxt = [.. "Comment"u8, 0, 0, .. Zlib(Encoding.Latin1.GetBytes("zipped ü"))];
        byte[] itxt = [.. "prompt"u8, 0, 1, 0, 0, 0, .. Zlib(Encoding.UTF8.GetBytes("猫"))];
        var text = PngTextReader.Read(Simple(1, 1, 8, 0, [0, 5], Chunk("zTXt", ztxt), Chunk("iTXt", itxt)));
        Assert.Equal(("Comment", "zipped ü", PngTextKind.CompressedText), (text[0].Keyword, text[0].Text, text[0].Kind));
        Assert.Equal(("prompt", "猫", PngTextKind.InternationalText), (text[1].Keyword, text[1].Text, text[1].Kind));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" lead")]
    [InlineData("trail ")]
    [InlineData("two  spaces")]
    [InlineData("关键词")]
    public void InvalidKeywordsAreRefused(string keyword)
    {
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(Tiny, new PngEncoderOptions { Text = [new PngTextEntry(keyword, "x")] }));
    }

    [Fact]
    public void EightyCharacterKeywordIsRefused()
    {
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(Tiny, new PngEncoderOptions { Text = [new PngTextEntry(new string('k', 80), "x")] }));
    }

    [Fact]
    public void TextWithoutKeywordTerminatorIsBadText()
    {
        var e = Assert.Throws<ImageFormatException>(() => PngTextReader.Read(Simple(1, 1, 8, 0, [0, 5], Chunk("tEXt", "nokeyword"u8.ToArray()))));
        Assert.Equal((ImageError.BadText, ImageFileFormat.Png), (e.Error, e.Format));
    }

    [Fact]
    public void TheTextChunksSitRightAfterIhdr()
    {
        byte[] bytes = PngEncoder.Encode(Tiny, new PngEncoderOptions { Text = [new PngTextEntry("parameters", "{}")] });
        Assert.Equal("tEXt", Encoding.ASCII.GetString(bytes, 8 + 25 + 4, 4));
    }

    [Fact]
    public void TheChunkWalkChecksCrcsAndFramesErrorsWithThePath()
    {
        byte[] bytes = PngEncoder.Encode(Tiny, new PngEncoderOptions { Text = [new PngTextEntry("parameters", "{}")] });
        bytes[8 + 25 + 8] ^= 0x01; // first byte of the tEXt keyword: its CRC no longer matches
        Assert.Equal(ImageError.CrcMismatch, Assert.Throws<ImageFormatException>(() => PngTextReader.Read(bytes)).Error);
        Assert.Equal(ImageError.BadSignature, Assert.Throws<ImageFormatException>(() => PngTextReader.Read("GIF89a.."u8)).Error);
        Assert.Equal(ImageError.Truncated, Assert.Throws<ImageFormatException>(() => PngTextReader.Read(Valid()[..^12])).Error);
        Assert.Equal(ImageError.BadChunkOrder,
            Assert.Throws<ImageFormatException>(() => PngTextReader.Read(File(Chunk("tEXt", "a\0b"u8.ToArray()), Ihdr(1, 1, 8, 0), Idat([0, 0]), Iend()))).Error);

        string path = Path.Combine(Path.GetTempPath(), $"fluxonnx-text-{Guid.NewGuid():N}.png");
        try
        {
            System.IO.File.WriteAllBytes(path, bytes);
            var e = Assert.Throws<ImageFormatException>(() => PngTextReader.ReadFile(path));
            Assert.Equal(path, e.FilePath);
            Assert.StartsWith($"PNG '{path}': CrcMismatch: chunk tEXt stores CRC", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    private static byte[] Valid() => Simple(1, 1, 8, 0, [0, 5]);
}
