namespace FluxOnnx.Tools.Profiling;

/// <summary>
/// Assigns a profiled kernel to a <see cref="StepPart"/> from its node name (the graph code's scope path, e.g.
/// <c>/transformer/double_blocks.0/attention/rope_q/Mul</c>, which ORT's fusions keep as a prefix) and its op type.
/// The first rule that matches wins: RoPE scope, attention op, modulation scope, Linear op, norm op or scope,
/// layout op, else element-wise.
/// </summary>
public static class StepParts
{
    private static readonly HashSet<string> LinearOps = new(StringComparer.Ordinal)
    {
        "MatMul", "FusedMatMul", "Gemm", "MatMulNBits", "MatMulInteger", "MatMulIntegerToFloat", "DynamicQuantizeMatMul",
        "DynamicQuantizeLinear", "QGemm", "MatMulFp8", "DequantizeLinear", "QuantizeLinear",
    };

    private static readonly HashSet<string> AttentionOps = new(StringComparer.Ordinal)
    {
        "MultiHeadAttention", "Attention", "Softmax",
    };

    private static readonly HashSet<string> NormOps = new(StringComparer.Ordinal)
    {
        "LayerNormalization", "SimplifiedLayerNormalization", "RMSNormalization", "SkipLayerNormalization",
        "SkipSimplifiedLayerNormalization",
    };

    private static readonly HashSet<string> CopyOps = new(StringComparer.Ordinal)
    {
        "Transpose", "Reshape", "Concat", "Split", "Slice", "Gather", "Cast", "Squeeze", "Unsqueeze", "Expand",
        "Identity", "Tile", "Shape", "MemcpyFromHost", "MemcpyToHost",
    };

    private static readonly string[] RopeScopes = ["/pe_embedder/", "/rope_q/", "/rope_k/"];

    private static readonly string[] ModulationScopes = ["_mod/", "/modulation/", "/adaLN_modulation"];

    /// <summary>The part of the step <paramref name="node"/> belongs to.</summary>
    public static StepPart Of(OrtNodeTiming node)
    {
        ArgumentNullException.ThrowIfNull(node);
        string name = node.Node, op = node.OpType;
        if (RopeScopes.Any(s => name.Contains(s, StringComparison.Ordinal))) return StepPart.Rope;
        if (AttentionOps.Contains(op)) return StepPart.Attention;
        if (ModulationScopes.Any(s => name.Contains(s, StringComparison.Ordinal))) return StepPart.Modulation;
        if (LinearOps.Contains(op)) return StepPart.Linear;
        if (NormOps.Contains(op) || name.Contains("/norm/", StringComparison.Ordinal)) return StepPart.Norm;
        if (CopyOps.Contains(op)) return StepPart.Copy;
        return StepPart.Elementwise;
    }
}
