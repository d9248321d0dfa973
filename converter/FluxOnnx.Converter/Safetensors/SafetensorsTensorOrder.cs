namespace FluxOnnx.Converter.Safetensors;

/// <summary>How <see cref="SafetensorsWriter"/> lays tensors out in the data section (and so the order it expects their bytes).</summary>
public enum SafetensorsTensorOrder
{
    /// <summary>
    /// Decreasing item size, then ordinal name: with the 8-byte-aligned data section this aligns every tensor to
    /// its element size, so readers can view the bytes as typed spans. The layout of the project's fixtures.
    /// </summary>
    AlignedByItemSizeThenName,

    /// <summary>Exactly the declaration order (no alignment guarantee beyond the data section's 8 bytes).</summary>
    AsDeclared,
}
