using FluxOnnx.Graphs.Building;
using FluxOnnx.Graphs.Tensors;

namespace FluxOnnx.Converter.Checkpoints;

/// <summary>
/// A reference tensor stored twice under two names (T5's <c>shared.weight</c> and <c>encoder.embed_tokens.weight</c>):
/// at write time the two are first compared block by block as float32 bit patterns (bounded memory, no read
/// before <see cref="WriteTo"/>), then the primary is written. A difference throws <see cref="AliasMismatchException"/>.
/// </summary>
internal sealed class AliasCheckedTensorSource(SegmentedTensorSource primary, SegmentedTensorSource alias, WeightRecipe recipe) : ITensorSource
{
    public ElementType ElementType => primary.ElementType;

    public IReadOnlyList<long> Dims => primary.Dims;

    public long ByteLength => primary.ByteLength;

    public void WriteTo(Stream destination, CancellationToken cancellationToken)
    {
        long count = recipe.Dims.Aggregate(1L, (n, d) => n * d);
        var a = new float[(int)Math.Min(SegmentedTensorSource.BlockElements, Math.Max(count, 1))];
        var b = new float[a.Length];
        for (long done = 0; done < count; done += a.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = (int)Math.Min(a.Length, count - done);
            primary.ReadFloats(done, a.AsSpan(0, n));
            alias.ReadFloats(done, b.AsSpan(0, n));
            for (int i = 0; i < n; i++)
            {
                if (BitConverter.SingleToInt32Bits(a[i]) != BitConverter.SingleToInt32Bits(b[i]))
                {
                    StoredTensor stored = recipe.Segments[0].Tensor;
                    throw new AliasMismatchException(stored.File.FilePath, stored.StoredName, recipe.Alias!.StoredName, done + i, a[i], b[i]);
                }
            }
        }
        primary.WriteTo(destination, cancellationToken);
    }
}
