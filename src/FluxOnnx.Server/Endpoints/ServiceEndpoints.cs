using FluxOnnx.Server.Hosting;
using FluxOnnx.Server.Wire;
using FluxOnnx.Serving;
using FluxOnnx.Serving.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FluxOnnx.Server.Endpoints;

/// <summary>
/// <c>GET /v1/models</c> and <c>/v1/models/{id}</c>; <c>/healthz</c> (the process answers); <c>/readyz</c> (every
/// package loaded, else 503 with the state); <c>/metrics</c> (Prometheus text); and the 404 body for anything else.
/// </summary>
internal static class ServiceEndpoints
{
    public static void Map(WebApplication app, FluxImageService service, PrometheusExport metrics)
    {
        app.MapGet("/v1/models", () => Results.Json(ModelList.From(service.Models), ApiJson.Options));
        app.MapGet("/v1/models/{id}", (string id) =>
        {
            var model = service.Models.FirstOrDefault(m => m.Name == id)
                ?? throw new ModelNotFoundException(id, service.Models.Select(m => m.Name).ToArray());
            return Results.Json(ModelEntry.From(model), ApiJson.Options);
        });
        app.MapGet("/healthz", () => Results.Json(new { status = "ok" }, ApiJson.Options));
        app.MapGet("/readyz", () => service.IsReady
            ? Results.Json(new { status = "ready", models = service.Models.Select(m => m.Name).ToArray() }, ApiJson.Options)
            : Results.Json(new { status = service.State }, ApiJson.Options, statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/metrics", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.WriteAsync(context.Response.Body, context.RequestAborted);
        });
        app.MapFallback((HttpContext context) => ApiError.NotFound("not_found",
            $"no route {context.Request.Method} {context.Request.Path}.").ToResult());
    }
}
