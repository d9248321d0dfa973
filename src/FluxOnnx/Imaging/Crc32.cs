namespace FluxOnnx.Imaging;

/// <summary>
/// CRC-32 as PNG (ISO 3309 / ITU-T V.42, the zlib and gzip CRC) defines it: reflected polynomial
/// 0xEDB88320, initial value 0xFFFFFFFF, final XOR 0xFFFFFFFF. The check value of the ASCII bytes
/// "123456789" is 0xCBF43926. Table-driven, one byte at a time (PNG chunks are small and the
/// codec's cost is dominated by zlib).
/// </summary>
/// <remarks>Written here because <c>System.IO.Hashing</c> is not a dependency of FluxOnnx.</remarks>
public static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>
    /// Continues a CRC: <c>Append(Compute(a), b) == Compute(a ++ b)</c>. Start from 0 for an empty prefix.
    /// </summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint c = ~crc;
        foreach (byte b in data)
        {
            c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        }
        return ~c;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
