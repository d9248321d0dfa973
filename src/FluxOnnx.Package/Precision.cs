namespace FluxOnnx;

/// <summary>
/// The weight/compute precision of a package's graphs (manifest <c>precision</c>; spelled by <see cref="PackageNames"/>):
/// float32 reference, float16 weights and activations, bfloat16 weight storage, float8 E4M3FN weights with per-channel
/// scales, and weight-only 8- or 4-bit blocks (MatMulNBits).
/// </summary>
public enum Precision
{
    Fp32,
    Fp16,
    Bf16,
    Fp8,
    Int8,
    Int4,
}
