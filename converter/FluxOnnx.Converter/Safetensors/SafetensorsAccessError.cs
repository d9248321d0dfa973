namespace FluxOnnx.Converter.Safetensors;

/// <summary>Why a request to a valid safetensors source could not be served (see <see cref="SafetensorsAccessException"/>).</summary>
public enum SafetensorsAccessError
{
    /// <summary>No tensor has the requested name.</summary>
    TensorNotFound,

    /// <summary>The tensor's dtype cannot serve the request (e.g. float32 conversion of an integer tensor).</summary>
    DTypeMismatch,

    /// <summary>The tensor (or range) is larger than one span can address (int.MaxValue bytes); use chunks or CopyTo.</summary>
    TooLargeForSpan,

    /// <summary>The requested element or byte range lies outside the tensor.</summary>
    RangeOutOfBounds,
}
