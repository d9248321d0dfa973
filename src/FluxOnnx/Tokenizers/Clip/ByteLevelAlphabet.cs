namespace FluxOnnx.Tokenizers.Clip;

/// <summary>
/// The reversible byte → printable-character table of byte-level BPE (openai/CLIP
/// <c>clip/simple_tokenizer.py</c> <c>bytes_to_unicode</c>): the 188 printable Latin-1 bytes
/// <c>'!'..'~'</c>, <c>'¡'..'¬'</c>, <c>'®'..'ÿ'</c> map to themselves; the other 68 bytes map, in increasing
/// byte order, to U+0100, U+0101, … so that no symbol is whitespace or a control character.
/// </summary>
internal static class ByteLevelAlphabet
{
    /// <summary>Character for each byte value, indexed by the byte.</summary>
    public static IReadOnlyList<char> ByteToChar { get; } = Build();

    /// <summary>
    /// The bytes in the order openai lists them (printable ranges first, then the remapped bytes); CLIP's
    /// vocabulary ids 0..255 are these symbols in this order and 256..511 the same symbols with <c>&lt;/w&gt;</c>.
    /// </summary>
    public static IReadOnlyList<byte> VocabularyOrder { get; } = BuildOrder();

    private static bool IsKeptAsItself(int b) =>
        b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;

    private static char[] Build()
    {
        var map = new char[256];
        var next = 0;
        for (var b = 0; b < 256; b++)
        {
            map[b] = IsKeptAsItself(b) ? (char)b : (char)(256 + next++);
        }
        return map;
    }

    private static byte[] BuildOrder()
    {
        var order = new List<byte>(256);
        for (var b = 0; b < 256; b++)
        {
            if (IsKeptAsItself(b))
            {
                order.Add((byte)b);
            }
        }
        for (var b = 0; b < 256; b++)
        {
            if (!IsKeptAsItself(b))
            {
                order.Add((byte)b);
            }
        }
        return order.ToArray();
    }
}
