namespace FluxOnnx.Converter.Conversion;

/// <summary>How <c>--precision int8</c> computes the transformer's quantized Linears.</summary>
public enum Int8Form
{
    /// <summary>
    /// com.microsoft MatMulNBits, 8 bits, blocks of <see cref="QuantizationOptions.BlockSize"/> along K with the
    /// options' accuracy_level (weight-only blocks; activations quantized per block inside the kernel at level 4).
    /// </summary>
    MatMulNBits,

    /// <summary>
    /// Dynamic int8: INT8 weights symmetric per output channel, activations quantized to UINT8 per tensor at run time
    /// (DynamicQuantizeLinear → MatMulInteger → Cast → Mul, fused by ORT CPU into DynamicQuantizeMatMul). Block size,
    /// zero points and accuracy_level do not apply.
    /// </summary>
    Dynamic,
}
