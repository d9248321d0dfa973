namespace FluxOnnx.Converter.Checkpoints;

/// <summary>A run of consecutive elements (row-major) of one stored tensor; recipes are lists of these.</summary>
internal readonly record struct TensorSegment(StoredTensor Tensor, long FirstElement, long Count)
{
    public static TensorSegment Whole(StoredTensor tensor) => new(tensor, 0, tensor.ElementCount);
}
