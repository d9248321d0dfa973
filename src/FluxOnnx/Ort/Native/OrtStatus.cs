namespace FluxOnnx.Ort.Native;

/// <summary>
/// Turns an <c>OrtStatus*</c> returned by a C API call into an <see cref="OrtException"/>. The status is always
/// released here, after its code and message have been copied.
/// </summary>
internal static unsafe class OrtStatus
{
    public static void ThrowIfFailed(OrtApi api, nint status)
    {
        if (status == nint.Zero)
        {
            return;
        }
        throw ToException(api, status);
    }

    /// <summary>Reads and releases <paramref name="status"/> (which must be non-zero).</summary>
    public static OrtException ToException(OrtApi api, nint status)
    {
        try
        {
            var code = (OrtErrorCode)api.GetErrorCode(status);
            var message = NativeText.FromUtf8(api.GetErrorMessage(status));
            return new OrtException(code, message);
        }
        finally
        {
            api.ReleaseStatus(status);
        }
    }
}
