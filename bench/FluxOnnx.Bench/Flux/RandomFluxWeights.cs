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
        return new DelegateTensorSource(elementType, shape, (stream, cancellationToken) => Components.RandomWeights.Write(name, shape, stream, cancellationToken));
    }
}
