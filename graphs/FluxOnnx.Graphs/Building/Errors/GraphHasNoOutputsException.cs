namespace FluxOnnx.Graphs.Building;

/// <summary>Thrown by <see cref="GraphBuilder.Build"/> when no <see cref="GraphBuilder.Output"/> was declared.</summary>
public sealed class GraphHasNoOutputsException(string graphName)
    : GraphBuildException($"Graph '{graphName}' declares no outputs.")
{
    public string GraphName { get; } = graphName;
}
