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

        var png = PngDecoder.Decode(bytes);
        Assert.Equal(2, png.Text.Count);
        Assert.Equal(("prompt", prompt, PngTextKind.InternationalText), (png.Text[0].Keyword, png.Text[0].Text, png.Text[0].Kind));
        Assert.Equal(("Software", "FluxOnnx café", PngTextKind.Text), (png.Text[1].Keyword, png.Text[1].Text, png.Text[1].Kind));
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
        var read = PngDecoder.Decode(PngEncoder.Encode(Tiny, new PngEncoderOptions { Text = [entry] })).Text.Single();
        Assert.Equal(("zh-CN", "标题", "月"), (read.LanguageTag, read.TranslatedKeyword, read.Text));
    }

    [Fact]
    public void ReadsHandmadeZTxtAndCompressedITxt()
    {
        byte[] ztxt = [.. "Comment"u8, 0, 0, .. Zlib(Encoding.Latin1.GetBytes("zipped ü"))];
        byte[] itxt = [.. "prompt"u8, 0, 1, 0, 0, 0, .. Zlib(Encoding.UTF8.GetBytes("猫"))];
        var png = PngDecoder.Decode(Simple(1, 1, 8, 0, [0, 5], Chunk("zTXt", ztxt), Chunk("iTXt", itxt)));
        Assert.Equal(("Comment", "zipped ü", PngTextKind.CompressedText), (png.Text[0].Keyword, png.Text[0].Text, png.Text[0].Kind));
        Assert.Equal(("prompt", "猫", PngTextKind.InternationalText), (png.Text[1].Keyword, png.Text[1].Text, png.Text[1].Kind));
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
        var e = Assert.Throws<PngFormatException>(() => PngDecoder.Decode(Simple(1, 1, 8, 0, [0, 5], Chunk("tEXt", "nokeyword"u8.ToArray()))));
        Assert.Equal(PngError.BadText, e.Error);
    }
}
