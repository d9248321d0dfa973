namespace FluxOnnx.Graphs.Weights;

/// <summary>
/// Static activation quantization of the inputs of quantized Linears (fp8 for TensorRT), in one of two modes:
/// <list type="bullet">
/// <item><see cref="Record"/>: every quantizable Linear (whatever the weight format) also exports
/// <c>ReduceMax(Abs(x))</c> over all axes as a scalar graph output named <c>calibration/{scope prefix}</c>
/// (<see cref="OutputName"/>), for a calibration run.</item>
/// <item><see cref="FromAmax"/>: every Linear whose weight is stored Float8E4M3FN gets
/// <c>QuantizeLinear(x, amax/448, FLOAT8E4M3FN 0) → DequantizeLinear</c> on its input, amax looked up by scope
/// prefix (a missing prefix is an error, never a silent skip).</item>
/// </list>
/// </summary>
public sealed class ActivationCalibration
{
    /// <summary>Largest finite FLOAT8E4M3FN magnitude: amax maps onto it.</summary>
    public const float Float8E4M3FNMax = 448f;

    /// <summary>Graph output name prefix of recorded amax values.</summary>
    public const string OutputPrefix = "calibration/";

    private ActivationCalibration(IReadOnlyDictionary<string, float>? amax) => Amax = amax;

    /// <summary>The recording mode.</summary>
    public static ActivationCalibration Record { get; } = new(null);

    /// <summary>Scope prefix → amax of the Linear input, or null when recording.</summary>
    public IReadOnlyDictionary<string, float>? Amax { get; }

    public bool Records => Amax is null;

    /// <summary>The static-quantization mode with a recorded table.</summary>
    public static ActivationCalibration FromAmax(IReadOnlyDictionary<string, float> amax)
    {
        ArgumentNullException.ThrowIfNull(amax);
        return new ActivationCalibration(new Dictionary<string, float>(amax, StringComparer.Ordinal));
    }

    /// <summary>The graph output carrying the amax of the Linear at <paramref name="prefix"/>.</summary>
    public static string OutputName(string prefix) => OutputPrefix + prefix;

    /// <summary>The per-tensor scale for <paramref name="amax"/>: amax/448 (a tiny floor keeps an all-zero input valid).</summary>
    public static float ScaleFor(float amax) => Math.Max(amax, 1e-12f) / Float8E4M3FNMax;

    /// <summary>The amax recorded for <paramref name="prefix"/>.</summary>
    public float AmaxOf(string prefix) =>
        Amax is null ? throw new InvalidOperationException("A recording calibration has no amax table.")
        : Amax.TryGetValue(prefix, out var value) ? value
        : throw new KeyNotFoundException($"No calibrated activation amax for Linear '{prefix}'.");
}
