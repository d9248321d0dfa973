using System.Runtime.InteropServices;
using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Tensors;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Bench.Flux;

/// <summary>
/// Seeded random weights for any FLUX config, in BFL names and stored shapes, for timing real-width graphs
/// without a checkpoint. Linear weights are uniform with variance 1/in (activations stay unit-scale through the
/// blocks); biases are small; RMSNorm scales are 1. Values depend only on the name, so every graph variant
/// built from this source holds the same weights.
/// </summary>
internal sealed class RandomFluxWeights : IWeightSource
{
    private readonly Dictionary<string, long[]> _shapes;

    public RandomFluxWeights(FluxConfig config)
    {
        _shapes = new Dictionary<string, long[]>(FluxCheckpointShapes.Of(config), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Names => _shapes.Keys;

    public IReadOnlyList<long>? ShapeOf(string name) => _shapes.GetValueOrDefault(name);

    public ITensorSource? Open(string name, ElementType elementType)
    {
        if (!_shapes.TryGetValue(name, out var shape)) return null;
        if (elementType != ElementType.Float) throw new NotSupportedException("Random weights are float32 only.");
        return new DelegateTensorSource(elementType, shape, (stream, cancellationToken) => Write(name, shape, stream, cancellationToken));
    }

    private static void Write(string name, long[] shape, Stream stream, CancellationToken cancellationToken)
    {
        var random = new Random(StableHash(name));
        long count = shape.Aggregate(1L, (n, d) => n * d);
        float bound = name.EndsWith(".scale", StringComparison.Ordinal) ? 0f
            : shape.Length == 2 ? MathF.Sqrt(3f / shape[1])
            : 0.02f;
        float offset = name.EndsWith(".scale", StringComparison.Ordinal) ? 1f : 0f;
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
