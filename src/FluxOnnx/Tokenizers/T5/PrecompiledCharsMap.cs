using System.Buffers.Binary;

namespace FluxOnnx.Tokenizers.T5;

/// <summary>
/// SentencePiece's compiled normalisation rules (<c>NormalizerSpec.precompiled_charsmap</c>), as google/sentencepiece
/// <c>src/normalizer.cc</c> <c>DecodePrecompiledCharsMap</c> lays them out: a little-endian uint32 giving the trie's
/// size in bytes, the darts-clone trie (<see cref="DoubleArrayTrie"/>) mapping input UTF-8 byte strings to offsets,
/// then a pool of NUL-terminated UTF-8 replacement strings that those offsets point into.
/// </summary>
internal sealed class PrecompiledCharsMap
{
    private readonly DoubleArrayTrie _trie;
    private readonly byte[] _pool;

    private PrecompiledCharsMap(DoubleArrayTrie trie, byte[] pool)
    {
        _trie = trie;
        _pool = pool;
    }

    /// <summary>
    /// Parses <paramref name="blob"/>; returns null for an empty blob (identity normalisation).
    /// </summary>
    /// <exception cref="FormatException">The size header is missing, not a multiple of 4, or exceeds the blob.</exception>
    public static PrecompiledCharsMap? Parse(ReadOnlySpan<byte> blob)
    {
        if (blob.IsEmpty)
        {
            return null;
        }
        if (blob.Length <= 4)
        {
            throw new FormatException("precompiled_charsmap is shorter than its 4-byte size header.");
        }
        var trieBytes = BinaryPrimitives.ReadUInt32LittleEndian(blob);
        if (trieBytes > (uint)(blob.Length - 4) || trieBytes % 4 != 0)
        {
            throw new FormatException($"precompiled_charsmap declares a {trieBytes}-byte trie in a {blob.Length}-byte blob.");
        }
        var units = new uint[trieBytes / 4];
        for (var i = 0; i < units.Length; i++)
        {
            units[i] = BinaryPrimitives.ReadUInt32LittleEndian(blob.Slice(4 + 4 * i, 4));
        }
        var pool = blob[(4 + (int)trieBytes)..].ToArray();
        return new PrecompiledCharsMap(new DoubleArrayTrie(units), pool);
    }

    /// <summary>
    /// Looks up the longest rule matching the start of <paramref name="input"/>. Returns the number of input bytes
    /// the rule consumes (0 when none matches) and sets <paramref name="replacement"/> to its output, a view into
    /// this map's pool valid for the map's lifetime.
    /// </summary>
    public int Match(ReadOnlySpan<byte> input, out ReadOnlySpan<byte> replacement)
    {
        var length = _trie.LongestPrefix(input, out var offset);
        if (length == 0 || (uint)offset >= (uint)_pool.Length)
        {
            replacement = default;
            return 0;
        }
        var rest = _pool.AsSpan(offset);
        var end = rest.IndexOf((byte)0);
        replacement = end < 0 ? rest : rest[..end];
        return length;
    }
}
