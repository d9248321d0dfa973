namespace FluxOnnx.Graphs.Weights;

/// <summary>
/// Static activation quantization of the inputs of quantized Linears (fp8 for TensorRT): every Linear whose weight
/// is stored Float8E4M3FN gets <c>QuantizeLinear(x, amax/448, FLOAT8E4M3FN 0) → DequantizeLinear</c> on its input,
/// amax looked up by scope prefix (a missing prefix is an error, never a silent skip). The amax values are recorded
/// outside graph code (<c>flux calibrate</c>, from an fp32 package).
/// </summary>
public sealed class ActivationCalibration
{
    /// <summary>Largest finite FLOAT8E4M3FN magnitude: amax maps onto it.</summary>
    public const float Float8E4M3FNMax = 448f;

    private ActivationCalibration(IReadOnlyDictionary<string, float> amax) => Amax = amax;

    /// <summary>Scope prefix → amax of the Linear input.</summary>
    public IReadOnlyDictionary<string, float> Amax { get; }

    /// <summary>The static-quantization mode with a recorded table.</summary>
    public static ActivationCalibration FromAmax(IReadOnlyDictionary<string, float> amax)
    {
        ArgumentNullException.ThrowIfNull(amax);
        return new ActivationCalibration(new Dictionary<string, float>(amax, StringComparer.Ordinal));
    }

    /// <summary>The per-tensor scale for <paramref name="amax"/>: amax/448 (a tiny floor keeps an all-zero input valid).</summary>
    public static float ScaleFor(float amax) => Math.Max(amax, 1e-12f) / Float8E4M3FNMax;

    /// <summary>The amax recorded for <paramref name="prefix"/>.</summary>
    public float AmaxOf(string prefix) =>
        Amax.TryGetValue(prefix, out var value) ? value
        : throw new KeyNotFoundException($"No calibrated activation amax for Linear '{prefix}'.");
}
