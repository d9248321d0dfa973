using FluxOnnx.Graphs.Building;

namespace FluxOnnx.Graphs.Weights;

/// <summary>
/// Graph code entered a child module or took a weight of the module at <see cref="WeightPath"/> while the
/// builder was not at that module's node scope: a plain node scope (<c>g.Scope(...)</c>) was open inside it, or the
/// module's scope had already been disposed. Nodes that read the module's weights would be named off its path.
/// </summary>
public sealed class NodeScopeMismatchException(string weightPath, string expected, string actual)
    : GraphBuildException(
        $"Weights of '{(weightPath.Length == 0 ? "<root>" : weightPath)}' belong to node scope '{expected}', but the builder is at '{actual}'.")
{
    /// <summary>Dotted reference path of the module (<c>double_blocks.3.img_attn</c>; "" at the root).</summary>
    public string WeightPath { get; } = weightPath;

    /// <summary>The node scope the module entered (<c>/transformer/double_blocks.3/img_attn</c>).</summary>
    public string Expected { get; } = expected;

    /// <summary>The builder's scope when the module was used.</summary>
    public string Actual { get; } = actual;
}
