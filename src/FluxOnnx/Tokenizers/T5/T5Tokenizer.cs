// Why this tokenizer is hand-written (issue #10, part 6; measured against Microsoft.ML.Tokenizers 3.0.0
// SentencePieceTokenizer on shared/tokenizers/t5/spiece.model, reference sentencepiece 0.1.97):
// * SentencePieceTokenizer.Create(spiece.model, false, false) throws IndexOutOfRangeException: T5's
//   trainer_spec.bos_id is -1 and the library indexes its vocabulary with it. Loading needs a workaround
//   (patch bos_id, or feed the in-memory Create overload from our own protobuf reading).
// * With either workaround, the public goldens match: t5_input_ids_256 7/7, t5_input_ids_512 7/7.
// * Runs of unknown characters give one <unk> (2) per character; sentencepiece merges a run into one:
//   "日本語のテキスト" is [3, 2] in sentencepiece, [3, 2, 2, 2, 2, 2, 2, 2, 2] from the library.
// * With a hand-written merge of adjacent <unk> ids it still differs: the nmt_nfkc charsmap deletes 30 control
//   characters (U+0001-U+0008, U+000B, U+000E-U+001F, U+007F, U+008F, U+009F) and the library keeps them:
//   "\u001Aquiet" is [4354] (▁quiet) in sentencepiece, [3, 2, 1169, 15, 17] from the library. "⁇⁇" (U+2047,
//   NFKC "??") also breaks a score tie the other way: [3, 8665, 58] (▁ ??? ?) vs [3, 58, 8665].
// * Random mixed-script prompts: library 790/4000 equal, 3148/4000 after the merge; this tokenizer 4000/4000, and
//   every code point in a sweep of 82211. The library is about 2x faster (~35 us per prompt here), which does not
//   matter next to the T5 encoder. Hence this tokenizer is kept.

using System.Text;
using FluxOnnx.Tokenizers.T5.Proto;
using Google.Protobuf;

namespace FluxOnnx.Tokenizers.T5;

/// <summary>
/// The SentencePiece unigram tokenizer of T5 v1.1, which FLUX uses for its T5-XXL text encoder (FLUX's
/// <c>tokenizer_2</c>). Ids equal sentencepiece 0.1.97 <c>SentencePieceProcessor.encode</c> on the same
/// <c>spiece.model</c>, framed as Hugging Face <c>T5Tokenizer(max_length=N, truncation=True,
/// padding="max_length")</c> does: <c>ids[:N-1] + [eos]</c>, padded with the pad id to N (N = 256 for
/// FLUX.1-schnell, 512 for FLUX.1-dev).
/// </summary>
/// <remarks>
/// Reads the model protobuf (<c>sentencepiece_model.proto</c> in this folder): pieces with scores and types, the
/// trainer's special ids, and the normaliser (the <c>nmt_nfkc</c> precompiled charsmap, or none). Normalisation
/// is <see cref="SentencePieceNormalizer"/>, segmentation <see cref="UnigramModel"/>. Instances are immutable and
/// may be shared across threads.
/// </remarks>
public sealed class T5Tokenizer
{
    /// <summary>Model file name inside a tokenizer directory.</summary>
    public const string ModelFileName = FluxOnnx.Packaging.TokenizerFiles.T5Model;

    /// <summary>T5 sequence length for FLUX.1-schnell (BFL <c>flux/util.py</c> <c>load_t5(max_length=256)</c>).</summary>
    public const int SchnellMaxLength = 256;

    /// <summary>T5 sequence length for FLUX.1-dev (BFL <c>flux/util.py</c> <c>load_t5(max_length=512)</c>).</summary>
    public const int DevMaxLength = 512;

    private readonly SentencePieceNormalizer _normalizer;
    private readonly UnigramModel _model;

    private T5Tokenizer(SentencePieceNormalizer normalizer, UnigramModel model, int eosId, int padId, int unkId, int vocabularySize)
    {
        _normalizer = normalizer;
        _model = model;
        EosId = eosId;
        PadId = padId;
        UnkId = unkId;
        VocabularySize = vocabularySize;
    }

    /// <summary>Id of <c>&lt;/s&gt;</c>, appended to every sequence (1 for T5).</summary>
    public int EosId { get; }

    /// <summary>Id that fills the padding (<c>&lt;pad&gt;</c>, 0 for T5).</summary>
    public int PadId { get; }

    /// <summary>Id of <c>&lt;unk&gt;</c>, given to characters no piece covers (2 for T5).</summary>
    public int UnkId { get; }

    /// <summary>Number of pieces in the model (32000 for T5; the encoder's extra ids are not pieces).</summary>
    public int VocabularySize { get; }

    /// <summary>Loads <see cref="ModelFileName"/> from <paramref name="directory"/>.</summary>
    /// <inheritdoc cref="FromModelFile(string)" path="/exception"/>
    public static T5Tokenizer FromDirectory(string directory) => FromModelFile(Path.Combine(directory, ModelFileName));

    /// <summary>Loads a SentencePiece unigram model file.</summary>
    /// <exception cref="FileNotFoundException">The file is missing; <see cref="FileNotFoundException.FileName"/> is its path.</exception>
    /// <exception cref="TokenizerFileException">The file is not a valid unigram model.</exception>
    public static T5Tokenizer FromModelFile(string modelPath)
    {
        modelPath = Path.GetFullPath(modelPath);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"SentencePiece model file '{modelPath}' does not exist.", modelPath);
        }
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(modelPath));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new TokenizerFileException(modelPath, "not a SentencePiece model protobuf.", e);
        }
        return Build(proto, modelPath);
    }

    /// <summary>
    /// Encodes one prompt to exactly <paramref name="maxLength"/> ids: at most <c>maxLength - 1</c> piece ids (the rest
    /// is cut), <see cref="EosId"/>, then <see cref="PadId"/> as padding. The array is new and owned by the caller.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is below 2.</exception>
    public long[] Encode(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        var content = Tokenize(text);
        var ids = new long[maxLength];
        var count = Math.Min(content.Count, maxLength - 1);
        for (var i = 0; i < count; i++)
        {
            ids[i] = content[i];
        }
        ids[count] = EosId;
        ids.AsSpan(count + 1).Fill(PadId);
        return ids;
    }

    /// <summary>Encodes each prompt with <see cref="Encode(string, int)"/>; result[i] belongs to texts[i].</summary>
    public long[][] EncodeBatch(IReadOnlyList<string> texts, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        var result = new long[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            result[i] = Encode(texts[i], maxLength);
        }
        return result;
    }

    /// <summary>The piece ids of <paramref name="text"/> without <c>&lt;/s&gt;</c>, truncation or padding.</summary>
    public List<int> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>();
        _model.Encode(_normalizer.Normalize(text), ids);
        return ids;
    }

    private static T5Tokenizer Build(ModelProto proto, string path)
    {
        var trainer = proto.TrainerSpec ?? new TrainerSpec();
        if (trainer.ModelType != TrainerSpec.Types.ModelType.Unigram)
        {
            throw new TokenizerFileException(path, $"model_type is {trainer.ModelType}; only UNIGRAM models are supported.");
        }
        var count = proto.Pieces.Count;
        if (count == 0)
        {
            throw new TokenizerFileException(path, "the model has no pieces.");
        }

        var trie = new PieceTrie();
        PieceTrie? userDefined = null;
        var scores = new float[count];
        var isUserDefined = new bool[count];
        var isUnused = new bool[count];
        var byteIds = new int[256];
        var byteCount = 0;
        var unkId = -1;
        var minScore = float.MaxValue;
        var maxScore = float.MinValue;
        for (var id = 0; id < count; id++)
        {
            var piece = proto.Pieces[id];
            if (string.IsNullOrEmpty(piece.Piece))
            {
                throw new TokenizerFileException(path, $"piece {id} is empty.");
            }
            var utf8 = Encoding.UTF8.GetBytes(piece.Piece);
            scores[id] = piece.Score;
            switch (piece.Type)
            {
                case ModelProto.Types.SentencePiece.Types.Type.Normal:
                    trie.Add(utf8, id);
                    minScore = Math.Min(minScore, piece.Score);
                    maxScore = Math.Max(maxScore, piece.Score);
                    break;
                case ModelProto.Types.SentencePiece.Types.Type.UserDefined:
                    trie.Add(utf8, id);
                    (userDefined ??= new PieceTrie()).Add(utf8, id);
                    isUserDefined[id] = true;
                    break;
                case ModelProto.Types.SentencePiece.Types.Type.Unused:
                    trie.Add(utf8, id);
                    isUnused[id] = true;
                    break;
                case ModelProto.Types.SentencePiece.Types.Type.Unknown:
                    unkId = unkId < 0 ? id : throw new TokenizerFileException(path, "the model has more than one unknown piece.");
                    break;
                case ModelProto.Types.SentencePiece.Types.Type.Byte:
                    if (piece.Piece.Length == 6 && piece.Piece.StartsWith("<0x", StringComparison.Ordinal)
                        && byte.TryParse(piece.Piece.AsSpan(3, 2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var value))
                    {
                        byteIds[value] = id;
                        byteCount++;
                    }
                    break;
            }
        }
        if (unkId < 0)
        {
            throw new TokenizerFileException(path, "the model has no unknown piece.");
        }
        if (trainer.ByteFallback && byteCount != 256)
        {
            throw new TokenizerFileException(path, $"byte_fallback is on but the model has {byteCount} of the 256 <0xXX> pieces.");
        }
        if (trainer.EosId < 0 || trainer.EosId >= count || trainer.PadId < 0 || trainer.PadId >= count)
        {
            throw new TokenizerFileException(path, $"eos_id {trainer.EosId} and pad_id {trainer.PadId} must both be piece ids.");
        }
        if (minScore > maxScore)
        {
            minScore = maxScore = 0; // no normal pieces: only unknowns and user-defined pieces can be produced
        }

        var spec = proto.NormalizerSpec ?? new NormalizerSpec();
        PrecompiledCharsMap? charsMap;
        try
        {
            charsMap = PrecompiledCharsMap.Parse(spec.PrecompiledCharsmap.Span);
        }
        catch (FormatException e)
        {
            throw new TokenizerFileException(path, e.Message, e);
        }
        var normalizer = new SentencePieceNormalizer(
            charsMap, userDefined, spec.AddDummyPrefix, spec.RemoveExtraWhitespaces, spec.EscapeWhitespaces, trainer.TreatWhitespaceAsSuffix);
        var model = new UnigramModel(trie, scores, isUserDefined, isUnused, unkId, minScore, maxScore, trainer.ByteFallback ? byteIds : null);
        return new T5Tokenizer(normalizer, model, trainer.EosId, trainer.PadId, unkId, count);
    }
}
