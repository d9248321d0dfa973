using FluxOnnx.Serving.Errors;
using Microsoft.AspNetCore.Http;

namespace FluxOnnx.Server.Wire;

/// <summary>An error response: status, OpenAI-style body, and a Retry-After for 429. Built from the service's typed errors.</summary>
internal sealed record ApiError(int Status, ErrorDetail Detail, TimeSpan? RetryAfter = null)
{
    public const string InvalidRequest = "invalid_request_error";

    public static ApiError BadRequest(string param, string code, string message) => new(400, new ErrorDetail(message, InvalidRequest, param, code));

    public static ApiError NotFound(string code, string message) => new(404, new ErrorDetail(message, InvalidRequest, null, code));

    /// <summary>The response for a <see cref="ServingException"/> (anything else is a 500 that reveals nothing).</summary>
    public static ApiError From(Exception e) => e switch
    {
        InvalidImageRequestException r => BadRequest(r.Field, r.Code, r.Message),
        ModelNotFoundException m => new(404, new ErrorDetail(m.Message, InvalidRequest, "model", m.Code)),
        JobNotFoundException j => NotFound(j.Code, j.Message),
        QueueFullException q => new(429, new ErrorDetail(q.Message, "rate_limit_error", null, q.Code), q.RetryAfter),
        ServiceNotReadyException n => new(503, new ErrorDetail(n.Message, "server_error", null, n.Code)),
        _ => new(500, new ErrorDetail("the server failed to generate the image.", "server_error", null, "internal_error")),
    };

    public IResult ToResult() => new ErrorResult(this);

    /// <summary>Writes status, Retry-After and the JSON body.</summary>
    private sealed class ErrorResult(ApiError error) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (error.RetryAfter is { } retry)
            {
                httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return Results.Json(new ErrorBody(error.Detail), ApiJson.Options, statusCode: error.Status).ExecuteAsync(httpContext);
        }
    }
}
