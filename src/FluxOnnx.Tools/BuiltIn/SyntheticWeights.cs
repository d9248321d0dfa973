using FluxOnnx.Noise;

namespace FluxOnnx.Tools.BuiltIn;

/// <summary>
/// Deterministic random weights for a named tensor, in the spirit of the golden fixtures' generator:
/// LeCun-normal matrices and convolutions (std 1/√fan_in), norm scales around 1, small biases, T5's relative
/// attention bias N(0, 0.5), modulation layers at half gain. Each tensor has its own generator seeded from the
/// model seed and the tensor's name, so the values do not depend on the order tensors are written in.
/// </summary>
internal static class SyntheticWeights
{
    public static float[] For(string name, IReadOnlyList<long> shape, ulong seed)
    {
        var count = checked((int)shape.Aggregate(1L, (n, d) => n * d));
        var values = new float[count];
        var rng = new Mt19937(seed ^ Fnv1a(name));
        if (IsNormScale(name))
        {
            Fill(values, rng, mean: 1, std: 0.1);
        }
        else if (name.EndsWith(".bias", StringComparison.Ordinal))
        {
            Fill(values, rng, mean: 0, std: 0.02);
        }
        else if (name.Contains("relative_attention_bias", StringComparison.Ordinal))
        {
            Fill(values, rng, mean: 0, std: 0.5);
        }
        else if (shape.Count >= 2 && !name.Contains("embedding", StringComparison.Ordinal) && name != "shared.weight")
        {
            // [out, in] or [out, in, kh, kw]: fan_in is everything but the first axis.
            var fanIn = shape.Skip(1).Aggregate(1L, (n, d) => n * d);
            var gain = name.Contains("mod", StringComparison.Ordinal) ? 0.5 : 1.0;
            Fill(values, rng, mean: 0, std: gain / Math.Sqrt(fanIn));
        }
        else
        {
            Fill(values, rng, mean: 0, std: shape.Count >= 2 ? 0.5 : 0.02);
        }
        return values;
    }

    private static bool IsNormScale(string name) =>
        name.EndsWith(".scale", StringComparison.Ordinal)
        || (name.EndsWith(".weight", StringComparison.Ordinal) && (name.Contains("norm", StringComparison.Ordinal) || name.Contains("layer_norm", StringComparison.Ordinal)));

    private static void Fill(Span<float> values, Mt19937 rng, double mean, double std)
    {
        // Box–Muller over pairs of 53-bit uniforms in (0, 1].
        for (var i = 0; i < values.Length; i += 2)
        {
            var u1 = (NextDouble(rng) + 1.0 / (1UL << 53));
            var u2 = NextDouble(rng);
            var r = Math.Sqrt(-2.0 * Math.Log(u1));
            values[i] = (float)(mean + std * r * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < values.Length)
            {
                values[i + 1] = (float)(mean + std * r * Math.Sin(2 * Math.PI * u2));
            }
        }
    }

    private static double NextDouble(Mt19937 rng)
    {
        var bits = ((ulong)rng.NextUInt32() << 21) ^ rng.NextUInt32();
        return (bits & ((1UL << 53) - 1)) / (double)(1UL << 53);
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }
}
