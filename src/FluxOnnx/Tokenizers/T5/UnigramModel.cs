namespace FluxOnnx.Tokenizers.T5;

/// <summary>
/// The unigram segmenter of google/sentencepiece <c>src/unigram_model.cc</c> (<c>Model::EncodeOptimized</c>, the
/// encoder sentencepiece 0.1.9x uses): a Viterbi pass over the normalised UTF-8 bytes that keeps, for every end
/// position, the best-scoring path.
/// </summary>
/// <remarks>
/// <para>Candidates at each character start are the pieces found by walking the piece trie byte by byte; normal
/// pieces score their log-probability, user-defined pieces score <c>length × maxScore − 0.1</c> (so they win),
/// unused pieces are skipped; control, unknown and byte pieces are not in the trie and never match text.
/// When no piece covers exactly the current character, the character becomes the unknown id with score
/// <c>minScore − 10</c> (<c>kUnkPenalty</c>, unigram_model.h), where min/max range over normal pieces.</para>
/// <para>Arithmetic follows the reference's types: piece scores and path scores are <see cref="float"/>, a candidate
/// is formed in <see cref="double"/> for trie matches (the reference's conditional mixes float and double) and
/// in float for unknowns, and a candidate replaces the stored best only when strictly greater, so ties keep the
/// earlier start.</para>
/// <para>After the pass, as <c>SentencePieceProcessor::Encode</c> does, consecutive unknown pieces are merged into one
/// unknown id, or, when the model has byte fallback, each unknown piece is replaced by the ids of its bytes'
/// <c>&lt;0xXX&gt;</c> pieces.</para>
/// </remarks>
internal sealed class UnigramModel
{
    /// <summary>Penalty subtracted from the minimum piece score for unknown characters (unigram_model.h <c>kUnkPenalty</c>).</summary>
    public const float UnknownPenalty = 10.0f;

    private readonly PieceTrie _trie;
    private readonly float[] _scores;
    private readonly bool[] _isUserDefined;
    private readonly bool[] _isUnused;
    private readonly int _unkId;
    private readonly float _minScore;
    private readonly float _maxScore;
    private readonly int[]? _byteIds;

    /// <param name="trie">Normal, user-defined and unused pieces.</param>
    /// <param name="scores">Score of every piece, indexed by id.</param>
    /// <param name="isUserDefined">Whether each id is a user-defined piece.</param>
    /// <param name="isUnused">Whether each id is an unused piece.</param>
    /// <param name="unkId">Id of the unknown piece.</param>
    /// <param name="minScore">Lowest score of a normal piece.</param>
    /// <param name="maxScore">Highest score of a normal piece.</param>
    /// <param name="byteIds">Id of the <c>&lt;0xXX&gt;</c> piece of each byte when byte fallback is on; otherwise null.</param>
    public UnigramModel(
        PieceTrie trie, float[] scores, bool[] isUserDefined, bool[] isUnused, int unkId, float minScore, float maxScore, int[]? byteIds)
    {
        _trie = trie;
        _scores = scores;
        _isUserDefined = isUserDefined;
        _isUnused = isUnused;
        _unkId = unkId;
        _minScore = minScore;
        _maxScore = maxScore;
        _byteIds = byteIds;
    }

    /// <summary>Appends the piece ids of <paramref name="normalized"/> (normaliser output) to <paramref name="output"/>.</summary>
    public void Encode(ReadOnlySpan<byte> normalized, List<int> output)
    {
        var size = normalized.Length;
        if (size == 0)
        {
            return;
        }
        var bestId = new int[size + 1];
        var bestScore = new float[size + 1];
        var bestStart = new int[size + 1];
        bestStart.AsSpan().Fill(-1);
        var unkScore = _minScore - UnknownPenalty;

        var startsAt = 0;
        while (startsAt < size)
        {
            var scoreTillHere = bestScore[startsAt];
            var hasSingleNode = false;
            var charLength = Math.Min(OneCharLength(normalized[startsAt]), size - startsAt);
            var node = PieceTrie.Root;
            for (var keyPos = startsAt; keyPos < size && _trie.TryStep(node, normalized[keyPos], out node);)
            {
                keyPos++;
                var id = _trie.ValueAt(node);
                if (id < 0 || _isUnused[id])
                {
                    continue;
                }
                var length = keyPos - startsAt;
                double score = _isUserDefined[id] ? length * (double)_maxScore - 0.1 : _scores[id];
                var candidate = score + scoreTillHere;
                if (bestStart[keyPos] == -1 || candidate > bestScore[keyPos])
                {
                    bestScore[keyPos] = (float)candidate;
                    bestStart[keyPos] = startsAt;
                    bestId[keyPos] = id;
                }
                if (!hasSingleNode && length == charLength)
                {
                    hasSingleNode = true;
                }
            }
            if (!hasSingleNode)
            {
                var end = startsAt + charLength;
                var candidate = unkScore + scoreTillHere;
                if (bestStart[end] == -1 || candidate > bestScore[end])
                {
                    bestScore[end] = candidate;
                    bestStart[end] = startsAt;
                    bestId[end] = _unkId;
                }
            }
            startsAt += charLength;
        }

        var path = new List<int>();
        for (var end = size; end > 0; end = bestStart[end])
        {
            path.Add(end);
        }
        path.Reverse();

        var previousWasUnknown = false;
        foreach (var end in path)
        {
            var id = bestId[end];
            var isUnknown = id == _unkId;
            if (isUnknown && _byteIds is not null)
            {
                foreach (var b in normalized[bestStart[end]..end])
                {
                    output.Add(_byteIds[b]);
                }
            }
            else if (!(isUnknown && previousWasUnknown))
            {
                output.Add(id);
            }
            previousWasUnknown = isUnknown;
        }
    }

    // string_util::OneCharLen: length of a UTF-8 sequence from its lead byte (continuation bytes count as 1).
    private static int OneCharLength(byte lead) => (lead >> 4) switch
    {
        < 0xC => 1,
        0xC or 0xD => 2,
        0xE => 3,
        _ => 4,
    };
}
