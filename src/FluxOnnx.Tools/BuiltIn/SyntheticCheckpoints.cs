using FluxOnnx.Converter.Conversion;
using FluxOnnx.Graphs.Models.Autoencoder;
using FluxOnnx.Graphs.Models.Clip;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Models.T5;

namespace FluxOnnx.Tools.BuiltIn;

/// <summary>
/// Source checkpoints with deterministic random weights for any architecture, in the layout the built-in model uses
/// (<c>flux.safetensors</c> bf16 + <c>flux_params.json</c>, <c>t5/</c>, <c>clip/</c>, <c>ae.safetensors</c> +
/// <c>ae_params.json</c>, <c>tokenizer/</c>, <c>tokenizer_2/</c>): for benchmarks that need real widths without
/// real weights. The tokenizers are the tiny generated ones (their ids fit any vocabulary).
/// </summary>
public static class SyntheticCheckpoints
{
    public static void Write(string folder, FluxConfig transformer, T5EncoderConfig t5, ClipTextConfig clip, AutoencoderConfig ae) =>
        TinyCheckpointWriter.Write(folder, transformer, t5, clip, ae);

    /// <summary>The fp32 schnell conversion of the checkpoints written into <paramref name="sources"/>, with
    /// <paramref name="size"/> × <paramref name="size"/> as the package's default image size.</summary>
    public static ConvertRequest Request(string sources, string output, int size) => new(
        Output: output,
        Transformer: Path.Combine(sources, "flux.safetensors"),
        TransformerConfig: Path.Combine(sources, "flux_params.json"),
        T5: Path.Combine(sources, "t5"),
        Clip: Path.Combine(sources, "clip"),
        Ae: Path.Combine(sources, "ae.safetensors"),
        AeConfig: Path.Combine(sources, "ae_params.json"),
        ClipTokenizer: Path.Combine(sources, "tokenizer"),
        T5Tokenizer: Path.Combine(sources, "tokenizer_2"),
        Variant: Variant.Schnell,
        DefaultWidth: size,
        DefaultHeight: size);
}
