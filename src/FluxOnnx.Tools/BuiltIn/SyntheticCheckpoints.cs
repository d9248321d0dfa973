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
}
