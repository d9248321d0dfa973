namespace FluxOnnx.Graphs.Tests.OnnxRuntime;

/// <summary>Reproducible test tensors: each test passes its own seed.</summary>
public sealed class SeededData(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary><paramref name="count"/> values uniform in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public float[] Uniform(int count, float min = -1f, float max = 1f) =>
        Enumerable.Range(0, count).Select(_ => min + (max - min) * _random.NextSingle()).ToArray();

    /// <summary><paramref name="count"/> standard-normal values (Box–Muller), times <paramref name="std"/>.</summary>
    public float[] Normal(int count, float std = 1f)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            double u1 = 1.0 - _random.NextDouble(), u2 = _random.NextDouble();
            values[i] = (float)(std * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }
        return values;
    }

    public bool[] Bools(int count, double pTrue = 0.5) =>
        Enumerable.Range(0, count).Select(_ => _random.NextDouble() < pTrue).ToArray();

    public int Next(int maxExclusive) => _random.Next(maxExclusive);
}
