namespace FluxOnnx.Converter.Safetensors;

/// <summary>
/// Why a safetensors file (or a sharded checkpoint index) was rejected. Carried by
/// <see cref="SafetensorsFormatException.Reason"/> so callers branch on data, never on messages.
/// </summary>
/// <remarks>
/// The rules follow the reference reader (huggingface/safetensors <c>safetensors/src/tensor.rs</c>:
/// <c>MAX_HEADER_SIZE</c> of 100 MB, tensors contiguous from offset 0 and covering the whole data section)
/// plus checks it leaves to serde: duplicate keys, unknown entry fields.
/// </remarks>
public enum SafetensorsFormatError
{
    /// <summary>The file is shorter than the 8-byte header-length prefix.</summary>
    FileTooShort,

    /// <summary>The header length exceeds <see cref="SafetensorsFile.MaxHeaderLength"/>.</summary>
    HeaderTooLarge,

    /// <summary>The header length runs past the end of the file.</summary>
    HeaderLengthExceedsFile,

    /// <summary>The header bytes are not valid UTF-8.</summary>
    HeaderNotUtf8,

    /// <summary>The header is not well-formed JSON (or has content after the top-level value).</summary>
    InvalidJson,

    /// <summary>The header's top-level JSON value is not an object.</summary>
    HeaderNotObject,

    /// <summary>A JSON object in the header repeats a key (tensor name, entry field or metadata key).</summary>
    DuplicateKey,

    /// <summary>A tensor entry is not an object, lacks dtype/shape/data_offsets, has another field, or a field has the wrong JSON type.</summary>
    InvalidEntry,

    /// <summary>The dtype string is not one of <see cref="SafetensorsDTypes"/>.</summary>
    UnknownDType,

    /// <summary>A shape dimension is negative or not an integer.</summary>
    InvalidShape,

    /// <summary>The element count or byte size of a shape overflows 64 bits.</summary>
    ShapeOverflow,

    /// <summary>data_offsets is not a pair of non-negative integers.</summary>
    InvalidOffsets,

    /// <summary>data_offsets has begin &gt; end.</summary>
    ReversedOffsets,

    /// <summary>data_offsets ends past the data section.</summary>
    OffsetsOutOfRange,

    /// <summary>end − begin differs from product(shape) × item size.</summary>
    ByteSizeMismatch,

    /// <summary>Two tensors share bytes.</summary>
    OverlappingTensors,

    /// <summary>Bytes between tensors (or before the first) belong to no tensor.</summary>
    GapBetweenTensors,

    /// <summary>The data section extends past the last tensor.</summary>
    TrailingData,

    /// <summary><c>__metadata__</c> is not an object of string values.</summary>
    InvalidMetadata,

    /// <summary>A sharded checkpoint index is not the expected JSON (<c>weight_map</c> of name → file name).</summary>
    InvalidIndex,

    /// <summary>A shard named by the index does not exist.</summary>
    MissingShard,

    /// <summary>One tensor name is stored in two shards.</summary>
    TensorInTwoShards,

    /// <summary>The index maps a tensor to a shard that does not hold it.</summary>
    TensorMissingFromShard,

    /// <summary>A shard holds a tensor the index does not list.</summary>
    TensorNotInIndex,
}
