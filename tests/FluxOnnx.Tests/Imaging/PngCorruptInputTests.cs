using Xunit;
using FluxOnnx.Imaging;
using static FluxOnnx.Tests.Imaging.HandmadePng;

namespace FluxOnnx.Tests.Imaging;

public class PngCorruptInputTests
{
    private static readonly byte[] Valid = Simple(2, 2, 8, 0, [0, 1, 2, 0, 3, 4]);

    private static PngFormatException Refuse(byte[] bytes) => Assert.ThrowsAny<PngFormatException>(() => PngDecoder.Decode(bytes));

    [Fact]
    public void TheValidBaselineDecodes()
    {
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, PngDecoder.Decode(Valid).Pixels.Pixels);
    }

    [Fact]
    public void BadSignature()
    {
        byte[] bytes = (byte[])Valid.Clone();
        bytes[1] = (byte)'Q';
        Assert.Equal(PngError.BadSignature, Refuse(bytes).Error);
        Assert.Equal(PngError.BadSignature, Refuse([0x89, 0x50]).Error);
    }

    [Fact]
    public void CrcMismatch()
    {
        byte[] bytes = (byte[])Valid.Clone();
        bytes[8 + 8 + 3] ^= 0x01; // a byte of IHDR's width field
        var e = Refuse(bytes);
        Assert.Equal(PngError.CrcMismatch, e.Error);
        Assert.Contains("IHDR", e.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(40)]
    public void TruncatedFile(int keep)
    {
        Assert.Equal(PngError.Truncated, Refuse(Valid[..keep]).Error);
    }

    [Fact]
    public void MissingIendIsTruncated()
    {
        Assert.Equal(PngError.Truncated, Refuse(Valid[..^12]).Error);
    }

    [Fact]
    public void ZeroWidthIsABadHeader()
    {
        var e = Refuse(File(Ihdr(0, 5, 8, 0), Idat([0]), Iend()));
        Assert.Equal(PngError.BadHeader, e.Error);
    }

    [Fact]
    public void InvalidDepthForColourTypeIsABadHeader()
    {
        Assert.Equal(PngError.BadHeader, Refuse(File(Ihdr(1, 1, 4, 2), Idat([0, 0]), Iend())).Error);
    }

    [Fact]
    public void HugeDimensionsAreRefusedBeforeAnyImageData()
    {
        // 100000 x 100000 = 10^10 pixels; the IDAT is garbage that would fail to inflate, proving it was never read.
        byte[] bytes = File(Ihdr(100_000, 100_000, 8, 6), Chunk("IDAT", [1, 2, 3]), Iend());
        var e = Assert.Throws<ImageTooLargeException>(() => PngDecoder.Decode(bytes));
        Assert.Equal((100_000L, 100_000L, PngDecoderOptions.DefaultMaxPixels), (e.Width, e.Height, e.Limit));
        Assert.Equal(PngError.TooLarge, e.Error);
    }

    [Fact]
    public void PixelLimitIsConfigurable()
    {
        var e = Assert.Throws<ImageTooLargeException>(() => PngDecoder.Decode(Valid, new PngDecoderOptions { MaxPixels = 3 }));
        Assert.Equal((2L, 2L, 3L), (e.Width, e.Height, e.Limit));
        Assert.Equal(4, PngDecoder.Decode(Valid, new PngDecoderOptions { MaxPixels = 4 }).Pixels.Pixels.Length);
    }

    [Fact]
    public void TooLittleData()
    {
        Assert.Equal(PngError.TooLittleData, Refuse(Simple(2, 2, 8, 0, [0, 1, 2, 0, 3])).Error);
    }

    [Fact]
    public void TooMuchData()
    {
        Assert.Equal(PngError.TooMuchData, Refuse(Simple(2, 2, 8, 0, [0, 1, 2, 0, 3, 4, 0, 9, 9])).Error);
    }

    [Fact]
    public void CorruptZlibStream()
    {
        Assert.Equal(PngError.BadCompression, Refuse(File(Ihdr(2, 2, 8, 0), Chunk("IDAT", [0x78, 0x9C, 0xFF, 0xFF, 0xFF, 0xFF]), Iend())).Error);
    }

    [Fact]
    public void FilterTypeFive()
    {
        Assert.Equal(PngError.BadFilter, Refuse(Simple(2, 2, 8, 0, [0, 1, 2, 5, 3, 4])).Error);
    }

    [Fact]
    public void PaletteImageWithoutPlte()
    {
        Assert.Equal(PngError.BadPalette, Refuse(Simple(1, 1, 8, 3, [0, 0])).Error);
    }

    [Fact]
    public void PaletteIndexPastTheEnd()
    {
        Assert.Equal(PngError.BadPalette, Refuse(Simple(1, 1, 8, 3, [0, 2], Chunk("PLTE", [1, 2, 3, 4, 5, 6]))).Error);
    }

    [Fact]
    public void UnknownCriticalChunk()
    {
        Assert.Equal(PngError.BadChunkOrder, Refuse(Simple(2, 2, 8, 0, [0, 1, 2, 0, 3, 4], Chunk("ABCD", []))).Error);
    }

    [Fact]
    public void FirstChunkMustBeIhdr()
    {
        Assert.Equal(PngError.BadChunkOrder, Refuse(File(Chunk("tEXt", "a\0b"u8.ToArray()), Ihdr(1, 1, 8, 0), Idat([0, 0]), Iend())).Error);
    }

    [Fact]
    public void ErrorsFromAFileCarryThePathInAOneLineMessage()
    {
        string path = Path.Combine(Path.GetTempPath(), $"fluxonnx-corrupt-{Guid.NewGuid():N}.png");
        try
        {
            byte[] bytes = (byte[])Valid.Clone();
            bytes[^1] ^= 0xFF; // last byte of IEND's CRC
            System.IO.File.WriteAllBytes(path, bytes);
            var e = Assert.ThrowsAny<PngFormatException>(() => PngDecoder.DecodeFile(path));
            Assert.Equal(PngError.CrcMismatch, e.Error);
            Assert.Equal(path, e.FilePath);
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);

            System.IO.File.WriteAllBytes(path, File(Ihdr(70_000, 70_000, 8, 2), Iend()));
            var big = Assert.Throws<ImageTooLargeException>(() => PngDecoder.DecodeFile(path));
            Assert.Equal((70_000L, 70_000L, path), (big.Width, big.Height, big.FilePath));
            Assert.Equal(70_000, PngDecoder.ReadHeader(path).Width);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
