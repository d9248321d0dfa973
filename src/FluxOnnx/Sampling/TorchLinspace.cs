namespace FluxOnnx.Sampling;

/// <summary>
/// <c>torch.linspace(start, end, steps)</c> in float32 on CPU (pytorch/pytorch
/// <c>aten/src/ATen/native/cpu/RangeFactoriesKernel.cpp</c> <c>linspace_kernel</c>).
/// </summary>
internal static class TorchLinspace
{
    /// <summary>
    /// step = (end − start) / (steps − 1) in float; index i &lt; steps/2 gives start + step·i, later ones
    /// end − step·(steps − 1 − i), so both endpoints are exact. Each product and sum is rounded separately (no FMA).
    /// </summary>
    public static float[] Float32(float start, float end, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var result = new float[steps];
        if (steps == 1)
        {
            result[0] = start;
        }
        if (steps <= 1)
        {
            return result;
        }
        var step = (end - start) / (steps - 1);
        var halfway = steps / 2;
        for (var i = 0; i < steps; i++)
        {
            result[i] = i < halfway ? start + step * i : end - step * (steps - i - 1);
        }
        return result;
    }
}
