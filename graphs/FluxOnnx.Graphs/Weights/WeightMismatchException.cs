namespace FluxOnnx.Graphs.Weights;

/// <summary>
/// The checkpoint does not fit the graph: weights the graph needs are missing, have another shape, or the
/// checkpoint holds weights the graph never used. Every name is listed; nothing is written.
/// </summary>
public sealed class WeightMismatchException : FluxOnnxException
{
    public WeightMismatchException(IReadOnlyList<string> missing, IReadOnlyList<string> unused, IReadOnlyList<WeightShapeMismatch> shapeMismatches)
        : base(Describe(missing, unused, shapeMismatches))
    {
        Missing = missing;
        Unused = unused;
        ShapeMismatches = shapeMismatches;
    }

    public IReadOnlyList<string> Missing { get; }

    public IReadOnlyList<string> Unused { get; }

    public IReadOnlyList<WeightShapeMismatch> ShapeMismatches { get; }

    private static string Describe(IReadOnlyList<string> missing, IReadOnlyList<string> unused, IReadOnlyList<WeightShapeMismatch> shapes)
    {
        const int shown = 20;
        var parts = new List<string>();
        if (missing.Count > 0)
        {
            parts.Add($"{missing.Count} missing ({string.Join(", ", missing.Take(shown))}{(missing.Count > shown ? ", ..." : "")})");
        }
        if (shapes.Count > 0)
        {
            parts.Add($"{shapes.Count} with another shape ({string.Join("; ", shapes.Take(shown))}{(shapes.Count > shown ? "; ..." : "")})");
        }
        if (unused.Count > 0)
        {
            parts.Add($"{unused.Count} unused ({string.Join(", ", unused.Take(shown))}{(unused.Count > shown ? ", ..." : "")})");
        }
        return "The checkpoint does not match the model: " + string.Join("; ", parts) + ".";
    }
}
