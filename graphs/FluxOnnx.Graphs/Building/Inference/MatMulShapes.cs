namespace FluxOnnx.Graphs.Building;

/// <summary>Shape rule of numpy matmul (ONNX MatMul): batch dims broadcast, inner sizes must agree.</summary>
internal static class MatMulShapes
{
    /// <summary>
    /// [..., M, K] × [..., K, N] → [broadcast(...), M, N]; a rank-1 left operand is [K] → drops M, a rank-1 right
    /// operand is [K] → drops N. Throws <see cref="ShapeMismatchException"/> when both K are fixed and differ.
    /// </summary>
    public static Shape Infer(string nodeName, Shape a, Shape b)
    {
        if (!a.IsRanked || !b.IsRanked) return Shape.Unranked;
        if (a.Rank == 0 || b.Rank == 0)
        {
            throw new ShapeMismatchException(nodeName, a, b, "MatMul operands must have rank >= 1");
        }

        Dim ka = a[-1], kb = b.Rank == 1 ? b[0] : b[-2];
        if (ka.IsFixed && kb.IsFixed && ka != kb)
        {
            throw new ShapeMismatchException(nodeName, a, b, $"inner sizes differ: {ka} vs {kb}");
        }

        var batchA = new Shape(a.Take(Math.Max(0, a.Rank - 2)));
        var batchB = new Shape(b.Take(Math.Max(0, b.Rank - 2)));
        var dims = Broadcasting.Broadcast(nodeName, batchA, batchB).ToList();
        if (a.Rank > 1) dims.Add(a[-2]);
        if (b.Rank > 1) dims.Add(b[-1]);
        return new Shape(dims);
    }
}
