namespace FluxOnnx.Graphs.Building;

/// <summary>Numpy (multidirectional) broadcasting of shapes, as ONNX elementwise ops define it.</summary>
internal static class Broadcasting
{
    /// <summary>
    /// The broadcast shape of <paramref name="shapes"/>, right-aligned. Per dim: equal dims stay; a fixed 1 yields
    /// to the other; a fixed n beats a symbolic or unknown dim (which must be n or 1 at run time); two different
    /// symbols give unknown. Two different fixed sizes, neither 1, throw <see cref="ShapeMismatchException"/>.
    /// Any unranked input makes the result unranked.
    /// </summary>
    public static Shape Broadcast(string nodeName, params Shape[] shapes)
    {
        if (shapes.Any(s => !s.IsRanked)) return Shape.Unranked;
        var result = shapes[0];
        foreach (var next in shapes.Skip(1))
        {
            result = Pair(nodeName, result, next);
        }
        return result;
    }

    private static Shape Pair(string nodeName, Shape a, Shape b)
    {
        int rank = Math.Max(a.Rank, b.Rank);
        var dims = new Dim[rank];
        for (int i = 0; i < rank; i++)
        {
            int ia = i - (rank - a.Rank), ib = i - (rank - b.Rank);
            Dim? da = ia >= 0 ? a[ia] : (Dim?)null, db = ib >= 0 ? b[ib] : (Dim?)null;
            dims[i] = (da, db) switch
            {
                (null, { } y) => y,
                ({ } x, null) => x,
                ({ } x, { } y) => Merge(nodeName, a, b, i, x, y),
                _ => Dim.Unknown,
            };
        }
        return new Shape(dims);
    }

    private static Dim Merge(string nodeName, Shape a, Shape b, int axis, Dim x, Dim y)
    {
        if (x == y && !x.IsUnknown) return x;
        if (x.Size == 1) return y;
        if (y.Size == 1) return x;
        if (x.IsFixed && y.IsFixed)
        {
            throw new ShapeMismatchException(nodeName, a, b, $"cannot broadcast {x} against {y} at output axis {axis}");
        }
        if (x.IsFixed) return x;
        if (y.IsFixed) return y;
        return Dim.Unknown;
    }
}
