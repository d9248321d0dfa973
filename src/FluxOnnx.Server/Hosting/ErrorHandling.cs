using FluxOnnx.Server.Wire;
using FluxOnnx.Serving.Errors;
using Microsoft.AspNetCore.Http;

namespace FluxOnnx.Server.Hosting;

/// <summary>
/// Turns every failure into an OpenAI-style error body: the service's typed errors by type, oversized bodies as 413,
/// anything else as a 500 that names nothing internal. A request whose client went away gets no body.
/// </summary>
internal sealed class ErrorHandling(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ApiError error;
        try
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (ServingException e)
        {
            error = ApiError.From(e);
        }
        catch (Exception e) when (e is PayloadTooLargeException or InvalidDataException
                                  || e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            error = new ApiError(413, new ErrorDetail("the request body is too large: " + e.Message, ApiError.InvalidRequest, "body", "request_too_large"));
        }
        catch (BadHttpRequestException e)
        {
            error = ApiError.BadRequest("body", "invalid_request", e.Message);
        }
        catch (Exception e)
        {
            error = ApiError.From(e);
        }
        if (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await error.ToResult().ExecuteAsync(context).ConfigureAwait(false);
        }
    }
}
