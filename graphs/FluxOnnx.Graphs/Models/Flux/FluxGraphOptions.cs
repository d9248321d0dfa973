using FluxOnnx.Graphs.Layers;

namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>
/// Emission choices for <see cref="FluxTransformerGraph.Build"/> that do not change the maths: which fused ops
/// carry attention and the QK norm. Precision is not here: it is the weight scope's <c>WeightPolicy</c>.
/// </summary>
public sealed record FluxGraphOptions
{
    /// <summary>The runtime the graph is for; picks <see cref="ResolvedAttention"/> unless <see cref="Attention"/> is set.</summary>
    public AttentionTarget Target { get; init; } = AttentionTarget.Cpu;

    /// <summary>Forces an attention form regardless of <see cref="Target"/> (tests, benchmarks); null follows the target.</summary>
    public AttentionForm? Attention { get; init; }

    /// <summary>Forces the QK-norm op; null follows the target (see <see cref="ResolvedQkNorm"/>).</summary>
    public QkNormForm? QkNorm { get; init; }

    /// <summary>
    /// The attention form used: <see cref="Attention"/> when set; <see cref="AttentionForm.Decomposed"/> for
    /// TensorRT (which fuses MatMul/Softmax/MatMul itself and does not take com.microsoft ops); otherwise
    /// <see cref="AttentionForm.MultiHeadAttention"/>.
    /// </summary>
    /// <remarks>
    /// <para>Why MultiHeadAttention for CPU, measured with <c>bench/FluxOnnx.Bench flux-attention</c> on ORT 1.30
    /// CPU, 2 intra-op threads, FLUX.1 dev width (hidden 3072, 24 heads of 128), 1024 image + 256 text tokens,
    /// batch 1, on a shared 2-core machine (load average 6 to 16, runs interleaved):</para>
    /// <list type="bullet">
    /// <item>Attention of one block alone (RoPE + op), 21 and 41 rounds: MultiHeadAttention median 106 / 114 ms
    /// (min 97 / 98), opset-23 Attention 113 / 117 ms (min 101 / 97), decomposed 113 / 119 ms (min 105 / 102).</item>
    /// <item>Whole graph with 1 double + 1 single block, 5 rounds, quieter second run: MultiHeadAttention median
    /// 1968 ms (min 1835), Attention 1975 ms (min 1829), decomposed 2140 ms (min 1872). A first run under heavier
    /// load gave medians 4961 / 4834 / 4519 ms: noise. Attention is about 5 % of a block; the Linears dominate.</item>
    /// </list>
    /// <para>The two fused forms are within noise of each other; MultiHeadAttention had the lower median in both
    /// isolated runs and is the form ONNX Runtime's own FLUX fusion emits, with fused kernels in the CUDA and
    /// DirectML providers, so it is the default for CPU, CUDA and DirectML alike (the CUDA/DirectML choice is
    /// that provenance, not a measurement). All forms agree to 2e-6 on the real-width graph.</para>
    /// </remarks>
    public AttentionForm ResolvedAttention => Attention ?? AttentionForms.For(Target);

    /// <summary>The QK-norm op used: <see cref="QkNorm"/> when set, otherwise the standard RMSNormalization.</summary>
    public QkNormForm ResolvedQkNorm => QkNorm ?? QkNormForm.RmsNormalization;
}
