using Xunit;
using System.Text;
using FluxOnnx.Imaging;

namespace FluxOnnx.Tests.Imaging;

public class Crc32Tests
{
    [Fact]
    public void CheckValueOf123456789()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void KnownValues()
    {
        Assert.Equal(0u, Crc32.Compute([]));
        // zlib.crc32(b"a") and the CRC stored in every PNG's IEND chunk (AE 42 60 82).
        Assert.Equal(0xE8B7BE43u, Crc32.Compute("a"u8));
        Assert.Equal(0xAE426082u, Crc32.Compute("IEND"u8));
        Assert.Equal(0x414FA339u, Crc32.Compute(Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog")));
    }

    [Fact]
    public void AppendContinuesACrc()
    {
        byte[] all = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xCBF43926u, Crc32.Append(Crc32.Compute(all.AsSpan(0, 4)), all.AsSpan(4)));
    }
}
