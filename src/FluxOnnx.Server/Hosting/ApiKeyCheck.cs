using FluxOnnx.Server.Wire;
using Microsoft.AspNetCore.Http;

namespace FluxOnnx.Server.Hosting;

/// <summary>Requires an accepted bearer key on <c>/v1/*</c> when keys are configured: 401, code <c>invalid_api_key</c>.</summary>
internal sealed class ApiKeyCheck(RequestDelegate next, ApiKeys keys)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!keys.Required || !context.Request.Path.StartsWithSegments("/v1") || keys.Accepts(context.Request.Headers.Authorization))
        {
            return next(context);
        }
        context.Response.Headers.WWWAuthenticate = "Bearer";
        var message = context.Request.Headers.Authorization.Count == 0
            ? "missing API key: send Authorization: Bearer KEY."
            : "incorrect API key provided.";
        return new ApiError(401, new ErrorDetail(message, ApiError.InvalidRequest, null, "invalid_api_key")).ToResult().ExecuteAsync(context);
    }
}
