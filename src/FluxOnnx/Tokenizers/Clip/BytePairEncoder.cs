using System.Collections.Concurrent;
using System.Text;

namespace FluxOnnx.Tokenizers.Clip;

/// <summary>
/// CLIP's byte-pair merge loop over vocabulary ids (openai/CLIP <c>clip/simple_tokenizer.py</c> <c>bpe</c>):
/// a pre-token's UTF-8 bytes become byte-level symbols, the last one carrying the <c>&lt;/w&gt;</c> end-of-word
/// suffix; then, while some adjacent pair is a known merge, the pair with the lowest merge rank is merged
/// everywhere it occurs (left to right, non-overlapping), exactly as the reference's <c>min(pairs, key=rank)</c>
/// followed by its scan does.
/// </summary>
/// <remarks>
/// Symbols are vocabulary ids rather than strings: every merge result is itself a vocabulary entry (checked when
/// loading), so a merge is the table lookup (left id, right id) → (rank, merged id). Results are cached per
/// pre-token in a thread-safe dictionary that is cleared when it reaches <see cref="MaxCacheEntries"/>.
/// </remarks>
internal sealed class BytePairEncoder
{
    /// <summary>Upper bound on cached pre-tokens before the cache is cleared.</summary>
    public const int MaxCacheEntries = 65536;

    private readonly int[] _byteIds;
    private readonly int[] _byteEndOfWordIds;
    private readonly Dictionary<long, (int Rank, int Merged)> _merges;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);

    /// <param name="byteIds">Vocabulary id of each byte's symbol, indexed by byte value.</param>
    /// <param name="byteEndOfWordIds">Vocabulary id of each byte's symbol followed by <c>&lt;/w&gt;</c>.</param>
    /// <param name="merges">(left id, right id) packed by <see cref="PairKey"/> → (merge rank, merged id).</param>
    public BytePairEncoder(int[] byteIds, int[] byteEndOfWordIds, Dictionary<long, (int Rank, int Merged)> merges)
    {
        _byteIds = byteIds;
        _byteEndOfWordIds = byteEndOfWordIds;
        _merges = merges;
    }

    /// <summary>Packs an ordered symbol pair into one dictionary key.</summary>
    public static long PairKey(int left, int right) => ((long)left << 32) | (uint)right;

    /// <summary>Appends the ids of <paramref name="preToken"/> (a non-empty piece of cleaned text) to <paramref name="output"/>.</summary>
    public void Encode(ReadOnlySpan<char> preToken, List<int> output)
    {
        var key = preToken.ToString();
        if (!_cache.TryGetValue(key, out var ids))
        {
            ids = Merge(key);
            if (_cache.Count >= MaxCacheEntries)
            {
                _cache.Clear();
            }
            _cache.TryAdd(key, ids);
        }
        output.AddRange(ids);
    }

    private int[] Merge(string preToken)
    {
        var bytes = Encoding.UTF8.GetBytes(preToken);
        var word = new List<int>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            word.Add(i == bytes.Length - 1 ? _byteEndOfWordIds[bytes[i]] : _byteIds[bytes[i]]);
        }

        while (word.Count > 1)
        {
            var bestRank = int.MaxValue;
            long bestPair = 0;
            var bestMerged = -1;
            for (var i = 0; i + 1 < word.Count; i++)
            {
                if (_merges.TryGetValue(PairKey(word[i], word[i + 1]), out var merge) && merge.Rank < bestRank)
                {
                    bestRank = merge.Rank;
                    bestPair = PairKey(word[i], word[i + 1]);
                    bestMerged = merge.Merged;
                }
            }
            if (bestMerged < 0)
            {
                break;
            }

            var merged = new List<int>(word.Count);
            for (var i = 0; i < word.Count; i++)
            {
                if (i + 1 < word.Count && PairKey(word[i], word[i + 1]) == bestPair)
                {
                    merged.Add(bestMerged);
                    i++;
                }
                else
                {
                    merged.Add(word[i]);
                }
            }
            word = merged;
        }
        return word.ToArray();
    }
}
