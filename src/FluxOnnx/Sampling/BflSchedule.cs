namespace FluxOnnx.Sampling;

/// <summary>
/// The rectified-flow schedule of black-forest-labs/flux <c>src/flux/sampling.py</c> (<c>get_schedule</c>,
/// <c>time_shift</c>, <c>get_lin_function</c>), computed with the reference's float32 tensor arithmetic so that every
/// value equals <c>get_schedule(...)</c>'s list entry (a float32 widened to double) exactly.
/// </summary>
/// <param name="Shift">Apply the resolution-dependent shift (all FLUX.1 variants except schnell).</param>
/// <param name="BaseShift">mu at 256 image tokens (reference default 0.5).</param>
/// <param name="MaxShift">mu at 4096 image tokens (reference default 1.15).</param>
public sealed record BflSchedule(bool Shift, double BaseShift = BflSchedule.DefaultBaseShift, double MaxShift = BflSchedule.DefaultMaxShift)
    : IScheduler
{
    /// <summary><c>get_schedule</c>'s <c>base_shift</c> default.</summary>
    public const double DefaultBaseShift = 0.5;

    /// <summary><c>get_schedule</c>'s <c>max_shift</c> default.</summary>
    public const double DefaultMaxShift = 1.15;

    /// <summary>x1 and x2 defaults of <c>get_lin_function</c> (image token counts at 256² and 1024² pixels).</summary>
    public const double LinX1 = 256, LinX2 = 4096;

    /// <summary>FLUX.1 schnell: linear schedule, no shift.</summary>
    public static BflSchedule Schnell { get; } = new(Shift: false);

    /// <summary>FLUX.1 dev / Fill / Canny / Depth / Kontext / Redux: shifted with the default mu line.</summary>
    public static BflSchedule Dev { get; } = new(Shift: true);

    /// <inheritdoc />
    public float[] GetTimesteps(int numSteps, int imageSeqLen) =>
        GetSchedule(numSteps, imageSeqLen, BaseShift, MaxShift, Shift);

    /// <summary>
    /// <c>get_schedule(num_steps, image_seq_len, base_shift, max_shift, shift)</c>: t = linspace(1, 0, N + 1) in float32;
    /// if <paramref name="shift"/>, mu = get_lin_function(y1 = base_shift, y2 = max_shift)(image_seq_len) and
    /// t ← time_shift(mu, 1, t). Returns N + 1 values, first 1, last 0.
    /// </summary>
    public static float[] GetSchedule(int numSteps, int imageSeqLen, double baseShift = DefaultBaseShift,
        double maxShift = DefaultMaxShift, bool shift = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numSteps);
        var timesteps = TorchLinspace.Float32(1f, 0f, numSteps + 1);
        if (shift)
        {
            var mu = GetLinFunction(y1: baseShift, y2: maxShift)(imageSeqLen);
            for (var i = 0; i < timesteps.Length; i++)
            {
                timesteps[i] = TimeShift(mu, 1.0, timesteps[i]);
            }
        }
        return timesteps;
    }

    /// <summary>
    /// <c>time_shift(mu, sigma, t) = exp(mu) / (exp(mu) + (1/t − 1)^sigma)</c> for one float32 element of the tensor t,
    /// as torch 1.13 evaluates it: exp(mu) is a Python double used as a float32 scalar; <c>1 / t</c> and
    /// <c>scalar / tensor</c> are <c>reciprocal(t) · scalar</c> (torch's <c>Tensor.__rtruediv__</c>); every operation
    /// rounds to float32. t = 0 maps to 0, t = 1 to 1.
    /// </summary>
    public static float TimeShift(double mu, double sigma, float t)
    {
        var expMu = (float)Math.Exp(mu);
        var inner = 1f / t - 1f;
        // pow(x, 1.0) is the identity in torch; other exponents go through powf like torch's float kernel.
        var powered = sigma == 1.0 ? inner : MathF.Pow(inner, (float)sigma);
        var denominator = expMu + powered;
        return 1f / denominator * expMu;
    }

    /// <summary>
    /// <c>get_lin_function(x1, y1, x2, y2)</c>: the line through (x1, y1) and (x2, y2) in double precision,
    /// m = (y2 − y1)/(x2 − x1), b = y1 − m·x1, x ↦ m·x + b.
    /// </summary>
    public static Func<double, double> GetLinFunction(double x1 = LinX1, double y1 = DefaultBaseShift,
        double x2 = LinX2, double y2 = DefaultMaxShift)
    {
        var m = (y2 - y1) / (x2 - x1);
        var b = y1 - m * x1;
        return x => m * x + b;
    }
}
