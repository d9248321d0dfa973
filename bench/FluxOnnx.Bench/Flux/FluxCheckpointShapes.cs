using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Models.Flux;
using FluxOnnx.Graphs.Weights;

namespace FluxOnnx.Bench.Flux;

/// <summary>
/// The BFL tensor names and stored shapes of a FLUX transformer checkpoint for any config: exactly what a
/// shape-only build of <see cref="FluxTransformerGraph"/> asks for, so a synthetic checkpoint or weight source
/// built from it is complete by construction.
/// </summary>
internal static class FluxCheckpointShapes
{
    /// <summary>Name → stored shape (Linear weights as BFL stores them, [out, in]), in ordinal name order.</summary>
    public static SortedDictionary<string, long[]> Of(FluxConfig config)
    {
        // In the shape-only graph every 2-D weight is a Linear weight stored transposed (MatMul layout),
        // so its stored [out, in] shape is the reverse.
        var g = new GraphBuilder();
        FluxTransformerGraph.Build(g, WeightRegistry.ShapeOnly(g).Root, config);
        var shapes = new SortedDictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var t in g.Build().Proto.Graph.Initializer.Where(t => !t.Name.StartsWith('/')))
        {
            shapes[t.Name] = t.Dims.Count == 2 ? [t.Dims[1], t.Dims[0]] : t.Dims.ToArray();
        }
        return shapes;
    }
}
