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
}
