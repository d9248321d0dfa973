namespace FluxOnnx.Sampling;

/// <summary>
/// BFL img2img start (black-forest-labs/flux <c>demo_st.py</c>): skip the first <c>int((1 − strength) · N)</c> steps and
/// start from a blend of the noise and the encoded init image at that step's sigma.
/// </summary>
public static class Img2Img
{
    /// <summary>
    /// <c>t_idx = int((1 − strength) · num_steps)</c> with Python float semantics: the product is a double and
    /// <c>int()</c> truncates toward zero (e.g. strength 0.6, 4 steps: int(1.6) = 1).
    /// </summary>
    public static int StartIndex(double strength, int numSteps)
    {
        if (double.IsNaN(strength) || strength < 0 || strength > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(strength), strength, "strength must be in [0, 1].");
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numSteps);
        return (int)Math.Truncate((1 - strength) * numSteps);
    }

    /// <summary>
    /// x = t · noise + (1 − t) · x0 element-wise (any layout, packed or not, as long as both inputs share it).
    /// t and 1 − t are doubles (Python floats) applied as float32 scalars; the two products and the sum each round to
    /// float32, as torch does.
    /// </summary>
    public static void Blend(ReadOnlySpan<float> noise, ReadOnlySpan<float> x0, double t, Span<float> destination)
    {
        if (noise.Length != x0.Length || destination.Length != noise.Length)
        {
            throw new ArgumentException(
                $"noise ({noise.Length}), x0 ({x0.Length}) and destination ({destination.Length}) must have the same length.");
        }
        var a = (float)t;
        var b = (float)(1.0 - t);
        for (var i = 0; i < noise.Length; i++)
        {
            destination[i] = a * noise[i] + b * x0[i];
        }
    }
}
