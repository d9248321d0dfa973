namespace FluxOnnx.Tokenizers.T5;

/// <summary>
/// Read-only view of a darts-clone double-array trie (the format of <c>third_party/darts_clone/darts.h</c> that
/// google/sentencepiece stores inside <c>precompiled_charsmap</c>), supporting the common-prefix search that
/// sentencepiece's normaliser uses.
/// </summary>
/// <remarks>
/// Each unit is a little-endian uint32. Bit layout (darts.h <c>DoubleArrayUnit</c>): bit 8 = "has leaf";
/// bits 0..7 = label, with bit 31 also part of the label so that a value unit never matches a label; bits 0..30
/// = value of a leaf unit; offset = <c>(unit &gt;&gt; 10) &lt;&lt; ((unit &amp; (1 &lt;&lt; 9)) &gt;&gt; 6)</c>.
/// A child of node <c>p</c> for byte <c>c</c> is at <c>p ^ offset(p) ^ c</c>; a node that ends a key has a
/// leaf unit at <c>p ^ offset(p)</c> holding the key's value.
/// </remarks>
internal sealed class DoubleArrayTrie
{
    private readonly uint[] _units;

    /// <summary>Wraps <paramref name="units"/>, which the trie keeps without copying.</summary>
    public DoubleArrayTrie(uint[] units)
    {
        _units = units;
    }

    /// <summary>Number of units.</summary>
    public int Size => _units.Length;

    private static bool HasLeaf(uint unit) => ((unit >> 8) & 1) == 1;

    private static int Value(uint unit) => (int)(unit & 0x7FFFFFFF);

    private static uint Label(uint unit) => unit & 0x800000FF;

    private static uint Offset(uint unit) => (unit >> 10) << (int)((unit & (1u << 9)) >> 6);

    /// <summary>
    /// Finds the longest key that is a prefix of <paramref name="key"/> (darts <c>commonPrefixSearch</c>, keeping
    /// the longest match as sentencepiece's <c>NormalizePrefix</c> does). Returns its length in bytes, or 0 when
    /// no key is a prefix; <paramref name="value"/> is the matched key's value.
    /// </summary>
    public int LongestPrefix(ReadOnlySpan<byte> key, out int value)
    {
        value = 0;
        if (_units.Length == 0)
        {
            return 0;
        }
        var longest = 0;
        uint nodePos = Offset(_units[0]);
        for (var i = 0; i < key.Length; i++)
        {
            nodePos ^= key[i];
            if (nodePos >= (uint)_units.Length)
            {
                break;
            }
            var unit = _units[nodePos];
            if (Label(unit) != key[i])
            {
                break;
            }
            nodePos ^= Offset(unit);
            if (HasLeaf(unit))
            {
                if (nodePos >= (uint)_units.Length)
                {
                    break;
                }
                longest = i + 1;
                value = Value(_units[nodePos]);
            }
        }
        return longest;
    }
}
