namespace FluxOnnx.Graphs.Passes;

/// <summary>A graph pass found its precondition unmet on the input graph, or its postcondition unmet on its result.</summary>
public sealed class PassConditionException(string pass, string node, string condition)
    : FluxOnnxException($"{pass}: {condition} (node {node}).")
{
    public string Pass { get; } = pass;

    /// <summary>The offending node's name, or the value's name for graph-level conditions.</summary>
    public string Node { get; } = node;

    public string Condition { get; } = condition;
}
