using System.Runtime.InteropServices;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Bench.Components;

/// <summary>
/// Seeded random fp32 weights for any graph code, found by building it: a shape-only build gives every name and
/// its graph-side shape; 2-D weights are first offered reversed (a Linear stored [out, in]); a second build reports
/// the few 2-D weights that are not Linears (embedding tables) as shape mismatches, and those take the graph-side
/// shape. Values: uniform with variance 1/fan-in for matrices and kernels, 1 for norm scales, ±0.02 otherwise;
/// they depend only on the name.
/// </summary>
internal sealed class RandomWeights : IWeightSource
{
    private readonly Dictionary<string, long[]> _shapes;

    public RandomWeights(Action<GraphBuilder, WeightScope> build)
    {
        var g = new GraphBuilder();
        build(g, WeightRegistry.ShapeOnly(g).Root);
        _shapes = g.Build().Proto.Graph.Initializer
            .Where(t => !t.Name.StartsWith('/'))
            .ToDictionary(t => t.Name, t => t.Dims.Count == 2 ? [t.Dims[1], t.Dims[0]] : t.Dims.ToArray(), StringComparer.Ordinal);
        var probe = new GraphBuilder();
        var registry = new WeightRegistry(probe, this);
        build(probe, registry.Root);
        try
        {
            registry.EnsureComplete();
        }
        catch (WeightMismatchException e)
        {
            foreach (var mismatch in e.ShapeMismatches) _shapes[mismatch.Name] = mismatch.Expected;
        }
    }

    public IReadOnlyCollection<string> Names => _shapes.Keys;

    public long Parameters => _shapes.Values.Sum(s => s.Aggregate(1L, (n, d) => n * d));

    public IReadOnlyList<long>? ShapeOf(string name) => _shapes.GetValueOrDefault(name);

    public ITensorSource? Open(string name, ElementType elementType)
    {
        if (!_shapes.TryGetValue(name, out var shape)) return null;
        if (elementType != ElementType.Float) throw new NotSupportedException("Random weights are float32 only.");
        return new DelegateTensorSource(elementType, shape, (stream, cancellationToken) => Write(name, shape, stream, cancellationToken));
    }

    /// <summary>Writes the seeded values of one named tensor (shared with <see cref="Flux.RandomFluxWeights"/>).</summary>
    internal static void Write(string name, long[] shape, Stream stream, CancellationToken cancellationToken)
    {
        var random = new Random(StableHash(name));
        long count = shape.Aggregate(1L, (n, d) => n * d);
        bool norm = name.EndsWith(".scale", StringComparison.Ordinal) || (shape.Length == 1 && name.Contains("norm", StringComparison.Ordinal) && name.EndsWith(".weight", StringComparison.Ordinal));
        long fanIn = shape.Length >= 2 ? shape.Skip(1).Aggregate(1L, (n, d) => n * d) : 0;
        float bound = norm ? 0f : fanIn > 0 ? MathF.Sqrt(3f / fanIn) : 0.02f;
        float offset = norm ? 1f : 0f;
        var buffer = new float[1 << 16];
        for (long done = 0; done < count; done += buffer.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = (int)Math.Min(buffer.Length, count - done);
            for (int i = 0; i < n; i++) buffer[i] = offset + bound * (2 * random.NextSingle() - 1);
            stream.Write(MemoryMarshal.AsBytes(buffer.AsSpan(0, n)));
        }
    }

    private static int StableHash(string s)
    {
        unchecked
        {
            int h = (int)2166136261;
            foreach (char c in s) h = (h ^ c) * 16777619;
            return h;
        }
    }
}
