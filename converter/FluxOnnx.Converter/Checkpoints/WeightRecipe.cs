namespace FluxOnnx.Converter.Checkpoints;

/// <summary>
/// How one reference tensor is made from stored ones: its elements, in row-major order, are the concatenation
/// of <paramref name="Segments"/> (a rename is one whole tensor; a row concat is several; a half swap is two
/// runs of one tensor; a reshape changes only <paramref name="Dims"/>).
/// </summary>
/// <param name="ReferenceName">The name graph code asks for.</param>
/// <param name="Dims">The reference shape.</param>
/// <param name="Segments">Where the elements come from, in order.</param>
/// <param name="Alias">A stored tensor that must equal the single segment's tensor (checked while writing), or null.</param>
internal sealed record WeightRecipe(string ReferenceName, long[] Dims, IReadOnlyList<TensorSegment> Segments, StoredTensor? Alias = null)
{
    /// <summary>The whole of one stored tensor, unchanged apart from the shape: raw fp8 access is possible.</summary>
    public bool IsDirect => Segments.Count == 1 && Segments[0].FirstElement == 0 && Segments[0].Count == Segments[0].Tensor.ElementCount;
}
