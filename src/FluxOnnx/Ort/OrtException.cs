namespace FluxOnnx.Ort;

/// <summary>
/// A C API call returned a failing <c>OrtStatus</c>. <see cref="ErrorCode"/> and <see cref="OrtMessage"/> are
/// copied from the status, which the binding has already released.
/// </summary>
public sealed class OrtException : Exception
{
    public OrtException(OrtErrorCode errorCode, string ortMessage)
        : base($"ONNX Runtime error {errorCode}: {ortMessage}")
    {
        ErrorCode = errorCode;
        OrtMessage = ortMessage;
    }

    /// <summary>The status code ORT reported.</summary>
    public OrtErrorCode ErrorCode { get; }

    /// <summary>ORT's message text, unchanged.</summary>
    public string OrtMessage { get; }
}
