using FluxOnnx.Graphs.Models.Autoencoder;
using FluxOnnx.Graphs.Models.Clip;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Models.T5;
using FluxOnnx.Tokenizers.T5;

namespace FluxOnnx.Tools.BuiltIn;

/// <summary>
/// The architecture of the built-in default model: every FLUX.1 component at toy width (the same sizes as the
/// golden fixtures' tiny models), so the whole pipeline runs in about a second on a CPU. Its weights are random:
/// its images are structured noise, never pictures.
/// </summary>
public static class TinyModelSpec
{
    /// <summary>Bumped whenever anything that changes the generated files changes; names the cache folder.</summary>
    public const string Version = "tiny-v1";

    /// <summary>Seed of the weight generator (any fixed value; recorded in the checkpoints' metadata).</summary>
    public const ulong Seed = 20260801;

    /// <summary>CLIP vocabulary of the generated BPE files (the byte alphabet, a few merges and the two specials).</summary>
    public const int ClipVocabulary = 600;

    /// <summary>Default image size recorded in the package: 256×256 (32×32 latent, 256 image tokens).</summary>
    public const int DefaultSize = 256;

    public static FluxConfig Transformer { get; } = FluxConfig.FluxSchnell with
    {
        VecInDim = 32,
        ContextInDim = 64,
        HiddenSize = 128,
        NumHeads = 4,
        Depth = 2,
        DepthSingleBlocks = 2,
        AxesDim = [8, 12, 12],
    };

    public static T5EncoderConfig T5 { get; } = new()
    {
        VocabSize = TinyT5TokenizerFiles.VocabularySize,
        DModel = 64,
        DKv = 16,
        DFf = 128,
        NumHeads = 4,
        NumLayers = 2,
        RelativeAttentionNumBuckets = 32,
        RelativeAttentionMaxDistance = 128,
        LayerNormEpsilon = 1e-6f,
    };

    public static ClipTextConfig Clip { get; } = ClipTextConfig.ClipVitLargePatch14 with
    {
        VocabSize = ClipVocabulary,
        HiddenSize = 32,
        IntermediateSize = 64,
        NumAttentionHeads = 2,
        NumHiddenLayers = 2,
        EosTokenId = ClipVocabulary - 1,
    };

    public static AutoencoderConfig Ae { get; } = new(256, 3, 32, 3, [1, 2, 2, 2], 1, 16, 0.3611, 0.1159);
}
