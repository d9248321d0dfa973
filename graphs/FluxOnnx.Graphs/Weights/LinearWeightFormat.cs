namespace FluxOnnx.Graphs.Weights;

/// <summary>How <c>Layers.Linear</c> stores a quantizable weight and what it emits for it.</summary>
public enum LinearWeightFormat
{
    /// <summary>The policy's float type; MatMul (the fp32 reference; fp16 comes from the float16 pass).</summary>
    Float,

    /// <summary>bfloat16 storage, Cast to float32 before MatMul (ORT CPU has no bfloat16 MatMul; the Cast of an initializer is constant-folded at session init).</summary>
    BFloat16,

    /// <summary>FLOAT8E4M3FN payload with a float32 scale per output channel, DequantizeLinear (axis 1 of [in, out]) then MatMul.</summary>
    Float8E4M3FN,

    /// <summary>com.microsoft MatMulNBits, bits = 8.</summary>
    Int8Blocks,

    /// <summary>com.microsoft MatMulNBits, bits = 4.</summary>
    Int4Blocks,

    /// <summary>
    /// Dynamic int8: INT8 weight symmetric per output channel with a float32 scale per channel; the activation is
    /// quantized to UINT8 per tensor at run time (DynamicQuantizeLinear → MatMulInteger → Cast → Mul, which ORT CPU
    /// fuses into DynamicQuantizeMatMul, a u8·s8 GEMM).
    /// </summary>
    Int8Dynamic,
}
