namespace FluxOnnx.Server.Hosting;

/// <summary>A request body is larger than the server reads (answered 413, code <c>request_too_large</c>).</summary>
internal sealed class PayloadTooLargeException(long limit) : FluxOnnxException($"the request body exceeds {limit} bytes.")
{
    public long Limit { get; } = limit;
}
