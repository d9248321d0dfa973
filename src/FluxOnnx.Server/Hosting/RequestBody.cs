using FluxOnnx.Serving.Errors;
using Microsoft.AspNetCore.Http;

namespace FluxOnnx.Server.Hosting;

/// <summary>Reads a JSON request body into memory, refusing another content type and anything past the byte cap.</summary>
internal static class RequestBody
{
    public static async Task<ReadOnlyMemory<byte>> ReadJsonAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            throw new InvalidImageRequestException("body", "invalid_content_type", "application/json", request.ContentType ?? "no content type");
        }
        if (request.ContentLength > maxBytes)
        {
            throw new PayloadTooLargeException(maxBytes);
        }
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new PayloadTooLargeException(maxBytes);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
