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
    /// TensorRT; otherwise <see cref="AttentionForm.MultiHeadAttention"/>. PLACEHOLDER until measured.
    /// </summary>
    public AttentionForm ResolvedAttention => Attention ?? Target switch
    {
        AttentionTarget.TensorRt => AttentionForm.Decomposed,
        _ => AttentionForm.MultiHeadAttention,
    };

    /// <summary>The QK-norm op used: <see cref="QkNorm"/> when set, otherwise the standard RMSNormalization.</summary>
    public QkNormForm ResolvedQkNorm => QkNorm ?? QkNormForm.RmsNormalization;
}
