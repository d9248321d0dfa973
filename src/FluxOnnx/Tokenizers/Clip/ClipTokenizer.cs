using System.Text.Json;

namespace FluxOnnx.Tokenizers.Clip;

/// <summary>
/// The CLIP text tokenizer (byte-level BPE with <c>&lt;/w&gt;</c> word ends) FLUX feeds its CLIP-L text encoder,
/// equal to openai/CLIP <c>clip/simple_tokenizer.py</c> <c>SimpleTokenizer.encode</c> followed by the framing of
/// Hugging Face <c>CLIPTokenizer(max_length=77, truncation=True, padding="max_length")</c>:
/// <c>[bos] + bpe[:maxLength-2] + [eos]</c>, padded with <c>eos</c> to <see cref="MaxLength"/>.
/// </summary>
/// <remarks>
/// Reads the Hugging Face layout: <c>vocab.json</c> (symbol → id) and <c>merges.txt</c> (optional
/// <c>#version</c> line, then one "left right" merge per line in rank order). The begin/end ids are the
/// vocabulary's <c>&lt;|startoftext|&gt;</c> and <c>&lt;|endoftext|&gt;</c> entries (49406 and 49407 in CLIP's
/// vocabulary); padding uses the end id, as FLUX's tokenizer_config does. Text cleanup is
/// <see cref="ClipTextCleaner"/>; see <see cref="FtfySubset"/> for the parts of ftfy that are reproduced.
/// Instances are immutable apart from a thread-safe BPE cache and may be shared across threads.
/// </remarks>
public sealed class ClipTokenizer
{
    /// <summary>CLIP's context length (openai/CLIP <c>clip/clip.py</c> <c>tokenize(context_length=77)</c>).</summary>
    public const int DefaultMaxLength = 77;

    /// <summary>Vocabulary file name inside a tokenizer directory.</summary>
    public const string VocabFileName = FluxOnnx.Packaging.TokenizerFiles.ClipVocab;

    /// <summary>Merge list file name inside a tokenizer directory.</summary>
    public const string MergesFileName = FluxOnnx.Packaging.TokenizerFiles.ClipMerges;

    private const string EndOfWord = "</w>";

    private readonly BytePairEncoder _bpe;

    private ClipTokenizer(BytePairEncoder bpe, int bosId, int eosId, int vocabularySize, int maxLength)
    {
        _bpe = bpe;
        BosId = bosId;
        EosId = eosId;
        VocabularySize = vocabularySize;
        MaxLength = maxLength;
    }

    /// <summary>Id of <c>&lt;|startoftext|&gt;</c>, first in every sequence.</summary>
    public int BosId { get; }

    /// <summary>Id of <c>&lt;|endoftext|&gt;</c>, which ends every sequence and fills the padding.</summary>
    public int EosId { get; }

    /// <summary>Padding id; CLIP pads with <see cref="EosId"/>.</summary>
    public int PadId => EosId;

    /// <summary>Number of entries in <c>vocab.json</c>.</summary>
    public int VocabularySize { get; }

    /// <summary>Length of every encoded sequence, begin and end tokens included.</summary>
    public int MaxLength { get; }

    /// <summary>Loads <c>vocab.json</c> and <c>merges.txt</c> from <paramref name="directory"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is below 2 (no room for begin and end).</exception>
    /// <exception cref="FileNotFoundException">A file is missing; <see cref="FileNotFoundException.FileName"/> is its path.</exception>
    /// <exception cref="TokenizerFileException">A file is malformed or the two files disagree.</exception>
    public static ClipTokenizer FromDirectory(string directory, int maxLength = DefaultMaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        var vocabPath = Path.GetFullPath(Path.Combine(directory, VocabFileName));
        var mergesPath = Path.GetFullPath(Path.Combine(directory, MergesFileName));
        var vocab = ReadVocabulary(vocabPath);

        int Require(string symbol, string path)
        {
            return vocab.TryGetValue(symbol, out var id)
                ? id
                : throw new TokenizerFileException(path, $"the vocabulary has no entry \"{symbol}\".");
        }

        var byteIds = new int[256];
        var byteEndIds = new int[256];
        for (var b = 0; b < 256; b++)
        {
            var symbol = ByteLevelAlphabet.ByteToChar[b].ToString();
            byteIds[b] = Require(symbol, vocabPath);
            byteEndIds[b] = Require(symbol + EndOfWord, vocabPath);
        }
        var bos = Require(ClipPreTokenizer.StartOfText, vocabPath);
        var eos = Require(ClipPreTokenizer.EndOfText, vocabPath);
        var merges = ReadMerges(mergesPath, vocab);
        return new ClipTokenizer(new BytePairEncoder(byteIds, byteEndIds, merges), bos, eos, vocab.Count, maxLength);
    }

    /// <summary>
    /// Encodes one prompt to exactly <see cref="MaxLength"/> ids: begin id, at most <c>MaxLength - 2</c> BPE ids
    /// (the rest is cut), end id, then end ids as padding. The array is new and owned by the caller.
    /// </summary>
    public long[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var content = Tokenize(text);
        var ids = new long[MaxLength];
        ids[0] = BosId;
        var count = Math.Min(content.Count, MaxLength - 2);
        for (var i = 0; i < count; i++)
        {
            ids[i + 1] = content[i];
        }
        ids.AsSpan(count + 1).Fill(EosId);
        return ids;
    }

    /// <summary>Encodes each prompt with <see cref="Encode(string)"/>; result[i] belongs to texts[i].</summary>
    public long[][] EncodeBatch(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new long[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            result[i] = Encode(texts[i]);
        }
        return result;
    }

    /// <summary>The BPE ids of <paramref name="text"/> without begin/end ids, truncation or padding.</summary>
    public List<int> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cleaned = ClipTextCleaner.Clean(text);
        var ids = new List<int>();
        foreach (var range in ClipPreTokenizer.Split(cleaned))
        {
            var piece = cleaned.AsSpan(range);
            if (piece.SequenceEqual(ClipPreTokenizer.StartOfText))
            {
                ids.Add(BosId);
            }
            else if (piece.SequenceEqual(ClipPreTokenizer.EndOfText))
            {
                ids.Add(EosId);
            }
            else
            {
                _bpe.Encode(piece, ids);
            }
        }
        return ids;
    }

    private static Dictionary<string, int> ReadVocabulary(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"CLIP vocabulary file '{path}' does not exist.", path);
        }
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<Dictionary<string, int>>(stream)
                ?? throw new TokenizerFileException(path, "the JSON document is null.");
        }
        catch (JsonException e)
        {
            throw new TokenizerFileException(path, "expected a JSON object mapping symbols to integer ids.", e);
        }
    }

    private static Dictionary<long, (int Rank, int Merged)> ReadMerges(string path, Dictionary<string, int> vocab)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"CLIP merges file '{path}' does not exist.", path);
        }
        var merges = new Dictionary<long, (int, int)>();
        var lineNumber = 0;
        var rank = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || (lineNumber == 1 && line.StartsWith("#version", StringComparison.Ordinal)))
            {
                continue;
            }
            var parts = line.Split(' ');
            if (parts.Length != 2
                || !vocab.TryGetValue(parts[0], out var left)
                || !vocab.TryGetValue(parts[1], out var right)
                || !vocab.TryGetValue(parts[0] + parts[1], out var merged))
            {
                throw new TokenizerFileException(
                    path, $"line {lineNumber} is not a merge of two vocabulary symbols whose concatenation is in the vocabulary.");
            }
            // Like the reference's dict(zip(merges, range(...))), a repeated merge keeps its last rank.
            merges[BytePairEncoder.PairKey(left, right)] = (rank++, merged);
        }
        return merges;
    }
}
