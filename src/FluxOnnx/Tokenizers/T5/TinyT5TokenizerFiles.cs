using FluxOnnx.Tokenizers.T5.Proto;
using Google.Protobuf;

namespace FluxOnnx.Tokenizers.T5;

/// <summary>
/// Writes a small, valid SentencePiece unigram model (<c>spiece.model</c>) for the tiny built-in test model, with
/// T5's special ids and identity normalisation (no precompiled charsmap; dummy prefix, extra-whitespace removal and
/// ▁ escaping on, as in T5). Output bytes are identical on every call.
/// </summary>
/// <remarks>
/// Piece layout (id: piece, type, score):
/// <list type="bullet">
/// <item>0: <c>&lt;pad&gt;</c> CONTROL 0; 1: <c>&lt;/s&gt;</c> CONTROL 0; 2: <c>&lt;unk&gt;</c> UNKNOWN 0;</item>
/// <item>3: "▁" (U+2581) NORMAL −2;</item>
/// <item>4..29: 'a'..'z', 30..55: 'A'..'Z', 56..65: '0'..'9', 66..97: the 32 ASCII punctuation characters in code
/// order ('!' is 66, '.' is 79, '~' is 97), all NORMAL −5;</item>
/// <item>98..: <see cref="WordPieces"/> in order, NORMAL, with their listed scores.</item>
/// </list>
/// The unknown score is therefore −5 − 10 = −15 (lowest normal score minus sentencepiece's penalty).
/// </remarks>
public static class TinyT5TokenizerFiles
{
    /// <summary>Score of every single-character piece except "▁".</summary>
    public const float CharacterScore = -5.0f;

    /// <summary>Score of the lone "▁" piece.</summary>
    public const float SpaceScore = -2.0f;

    /// <summary>First id of <see cref="WordPieces"/>.</summary>
    public const int FirstWordPieceId = 98;

    /// <summary>The multi-character pieces, in id order from <see cref="FirstWordPieceId"/>, with scores.</summary>
    public static IReadOnlyList<(string Piece, float Score)> WordPieces { get; } =
    [
        ("\u2581the", -3.0f), ("\u2581a", -2.5f), ("\u2581cat", -3.5f), ("\u2581dog", -3.5f),
        ("\u2581and", -3.0f), ("th", -4.0f), ("he", -4.0f), ("ing", -4.5f), ("in", -4.0f),
    ];

    /// <summary>Number of pieces in the written model.</summary>
    public static int VocabularySize => FirstWordPieceId + WordPieces.Count;

    /// <summary>Writes <see cref="T5Tokenizer.ModelFileName"/> into <paramref name="directory"/> (created if needed, file overwritten).</summary>
    public static void Write(string directory)
    {
        var model = new ModelProto
        {
            TrainerSpec = new TrainerSpec
            {
                ModelType = TrainerSpec.Types.ModelType.Unigram,
                VocabSize = VocabularySize,
                UnkId = 2,
                BosId = -1,
                EosId = 1,
                PadId = 0,
            },
            NormalizerSpec = new NormalizerSpec
            {
                Name = "identity",
                AddDummyPrefix = true,
                RemoveExtraWhitespaces = true,
                EscapeWhitespaces = true,
            },
        };
        model.Pieces.Add(Piece("<pad>", 0, ModelProto.Types.SentencePiece.Types.Type.Control));
        model.Pieces.Add(Piece("</s>", 0, ModelProto.Types.SentencePiece.Types.Type.Control));
        model.Pieces.Add(Piece("<unk>", 0, ModelProto.Types.SentencePiece.Types.Type.Unknown));
        model.Pieces.Add(Piece("\u2581", SpaceScore));
        foreach (var c in SingleCharacters())
        {
            model.Pieces.Add(Piece(c.ToString(), CharacterScore));
        }
        foreach (var (piece, score) in WordPieces)
        {
            model.Pieces.Add(Piece(piece, score));
        }

        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, T5Tokenizer.ModelFileName), model.ToByteArray());
    }

    private static IEnumerable<char> SingleCharacters()
    {
        for (var c = 'a'; c <= 'z'; c++)
        {
            yield return c;
        }
        for (var c = 'A'; c <= 'Z'; c++)
        {
            yield return c;
        }
        for (var c = '0'; c <= '9'; c++)
        {
            yield return c;
        }
        for (var c = '!'; c <= '~'; c++)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                yield return c;
            }
        }
    }

    private static ModelProto.Types.SentencePiece Piece(
        string piece, float score, ModelProto.Types.SentencePiece.Types.Type type = ModelProto.Types.SentencePiece.Types.Type.Normal) =>
        new() { Piece = piece, Score = score, Type = type };
}
