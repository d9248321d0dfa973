namespace FluxOnnx.Converter.Conversion;

/// <summary>
/// Options of the int8 / int4 precisions (ignored by the others): MatMulNBits block size along K (16 to 256, a
/// power of two), symmetric blocks (no stored zero points; implicit 8 for int4, 128 for int8) or min/max blocks
/// with zero points, and MatMulNBits <c>accuracy_level</c> (0 = fp32 compute; 4 = int8 compute on CPU).
/// </summary>
public sealed record QuantizationOptions(int BlockSize = 32, bool Symmetric = true, int AccuracyLevel = 0)
{
    public static QuantizationOptions Default { get; } = new();
}
