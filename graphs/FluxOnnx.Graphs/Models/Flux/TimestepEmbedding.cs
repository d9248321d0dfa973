using FluxOnnx.Graphs.Building;

namespace FluxOnnx.Graphs.Models.Flux;

/// <summary>
/// flux <c>layers.py</c> <c>timestep_embedding(t, 256)</c>: sinusoids of 1000·t, cosines first. Used for the
/// timestep and, in guidance-distilled models, for the guidance scale.
/// </summary>
public static class TimestepEmbedding
{
    /// <summary>Embedding width the reference passes (256).</summary>
    public const int Dim = 256;

    /// <summary>time_factor: the model sees sigma·1000 (layers.py default).</summary>
    public const float TimeFactor = 1000f;

    /// <summary>max_period of the sinusoids (layers.py default).</summary>
    public const double MaxPeriod = 10000;

    /// <summary>
    /// <code>
    ///   t [B] ──×1000──► [B, 1] ──× freqs [1, 128]──► args [B, 128]
    ///                                        cat(cos(args), sin(args)) ──► [B, 256]
    /// </code>
    /// freqs are exp(-ln(max_period)·i/half), rounded as torch computes them in float32.
    /// </summary>
    public static Value Apply(GraphBuilder g, Value t)
    {
        const int half = Dim / 2;
        var freqs = new float[half];
        float negLogPeriod = (float)-Math.Log(MaxPeriod);
        for (int i = 0; i < half; i++)
        {
            // Same float32 steps as torch: (-ln(P) · i) / half, then exp.
            freqs[i] = MathF.Exp(negLogPeriod * i / half);
        }
        var scaled = g.Mul(t, g.Constant(TimeFactor));                                   // [B]
        var args = g.Mul(g.Unsqueeze(scaled, 1), g.Constant(freqs, [1, half]));          // [B, 128]
        return g.Concat(-1, g.Cos(args), g.Sin(args));                                  // [B, 256]
    }
}
