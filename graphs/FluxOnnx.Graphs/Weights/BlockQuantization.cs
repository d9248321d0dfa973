namespace FluxOnnx.Graphs.Weights;

/// <summary>
/// Block layout for MatMulNBits weights: blocks of <see cref="BlockSize"/> along K (the input features).
/// Symmetric blocks store no zero points (MatMulNBits then uses the midpoint 2^(bits−1): 8 for 4 bits, 128 for
/// 8 bits); asymmetric blocks store a uint8 zero point per block, packed like onnxruntime's
/// <c>docs/ContribOperators.md</c> (ceil(blocks · bits / 8) bytes per output column).
/// </summary>
/// <param name="BlockSize">16, 32, 64, 128 or 256 (a power of two ≥ 16, as MatMulNBits requires).</param>
/// <param name="Symmetric">No zero points (scale from max |w|) when true; min/max with zero points when false.</param>
/// <param name="AccuracyLevel">MatMulNBits <c>accuracy_level</c>: 0 unset (fp32 compute on CPU), 4 int8 compute.</param>
public sealed record BlockQuantization(int BlockSize = 32, bool Symmetric = true, int AccuracyLevel = 0)
{
    public static BlockQuantization Default { get; } = new();

    /// <exception cref="ArgumentOutOfRangeException">Block size or accuracy level outside what MatMulNBits accepts.</exception>
    public void Validate()
    {
        if (BlockSize < 16 || BlockSize > 256 || (BlockSize & (BlockSize - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(BlockSize), BlockSize, "MatMulNBits block size must be a power of two from 16 to 256.");
        if (AccuracyLevel is < 0 or > 4)
            throw new ArgumentOutOfRangeException(nameof(AccuracyLevel), AccuracyLevel, "accuracy_level is 0 to 4.");
    }
}
