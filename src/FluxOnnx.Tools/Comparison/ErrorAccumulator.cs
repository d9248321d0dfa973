namespace FluxOnnx.Tools.Comparison;

/// <summary>
/// Accumulates <see cref="TensorErrors"/> over pairs of equally long float spans (one pair per case or step), so
/// the reported numbers cover the concatenation of everything added. Not thread-safe.
/// </summary>
public sealed class ErrorAccumulator
{
    private long _elements;
    private double _maxAbs;
    private double _sumAbs;
    private double _dot;
    private double _normA;
    private double _normB;

    public ErrorAccumulator(string name)
    {
        Name = name;
    }

    public string Name { get; }

    /// <summary>Adds one pair; <paramref name="a"/> is the reference.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"'{Name}': the tensors differ in length ({a.Length} vs {b.Length} elements)", nameof(b));
        }
        for (var i = 0; i < a.Length; i++)
        {
            double x = a[i], y = b[i];
            var abs = Math.Abs(y - x);
            _maxAbs = Math.Max(_maxAbs, abs);
            _sumAbs += abs;
            _dot += x * y;
            _normA += x * x;
            _normB += y * y;
        }
        _elements += a.Length;
    }

    /// <summary>The statistics of everything added so far.</summary>
    public TensorErrors Result()
    {
        double cosine = (_normA, _normB) switch
        {
            (0, 0) => 1,
            (0, _) or (_, 0) => 0,
            // sqrt(n·n) is exactly n in IEEE arithmetic, so identical tensors give exactly 1.
            _ => Math.Clamp(_dot / Math.Sqrt(_normA * _normB), -1, 1),
        };
        return new TensorErrors(Name, _elements, _maxAbs, _elements == 0 ? 0 : _sumAbs / _elements, cosine);
    }

    /// <summary>The statistics of one pair.</summary>
    public static TensorErrors Of(string name, ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var accumulator = new ErrorAccumulator(name);
        accumulator.Add(a, b);
        return accumulator.Result();
    }
}
