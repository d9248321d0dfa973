namespace FluxOnnx.Tools.Profiling;

/// <summary>What part of a FLUX transformer step a kernel belongs to (<see cref="StepParts.Of"/>).</summary>
public enum StepPart
{
    /// <summary>The Linears of the blocks and embedders: MatMul, FusedMatMul, Gemm, MatMulNBits and the int8 forms.</summary>
    Linear,
    /// <summary>The attention op itself (MultiHeadAttention, opset-23 Attention, or the decomposed Softmax).</summary>
    Attention,
    /// <summary>The RoPE table (<c>pe_embedder</c>) and its application to q and k (<c>rope_q</c>, <c>rope_k</c>).</summary>
    Rope,
    /// <summary>LayerNorm, RMSNorm (QK norm) kernels and anything under a <c>norm</c> module.</summary>
    Norm,
    /// <summary>The modulation MLPs of <c>vec</c> (<c>img_mod</c>, <c>txt_mod</c>, <c>modulation</c>, <c>adaLN_modulation</c>).</summary>
    Modulation,
    /// <summary>Layout kernels: Transpose, Reshape, Concat, Split, Slice, Gather, Cast and the like.</summary>
    Copy,
    /// <summary>Element-wise kernels left: residual and gate Add/Mul, (1 + scale)·x + shift, GELU, SiLU.</summary>
    Elementwise,
}
