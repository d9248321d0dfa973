using FluxOnnx.Server.Hosting;
using FluxOnnx.Server.Wire;
using FluxOnnx.Serving;
using FluxOnnx.Serving.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FluxOnnx.Server.Endpoints;

/// <summary>
/// <c>POST /v1/images/generations</c> (JSON) and <c>POST /v1/images/edits</c> (multipart): queue the request, wait for
/// it, answer the OpenAI images response. A client that disconnects cancels its job (at the next step once running).
/// </summary>
internal static class ImageEndpoints
{
    public static void Map(WebApplication app, FluxImageService service, FluxServerOptions options)
    {
        app.MapPost("/v1/images/generations", async (HttpContext context) =>
        {
            var body = await RequestBody.ReadJsonAsync(context.Request, options.MaxJsonBytes, context.RequestAborted);
            return await RunAsync(service, JsonRequestParser.Parse(body), context);
        });
        app.MapPost("/v1/images/edits", async (HttpContext context) =>
        {
            var request = await MultipartRequestParser.ParseAsync(context.Request, service.Options.Limits, context.RequestAborted);
            return await RunAsync(service, request, context);
        });
    }

    private static async Task<IResult> RunAsync(FluxImageService service, ImageJobRequest request, HttpContext context)
    {
        var job = service.Submit(request);
        try
        {
            var result = await job.Completion.WaitAsync(context.RequestAborted);
            return Results.Json(ImagesResponse.From(result, DateTimeOffset.UtcNow), ApiJson.Options);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            job.Cancel(CancellationReason.Disconnect);
            return Results.Empty;
        }
        catch (OperationCanceledException)
        {
            return new ApiError(503, new ErrorDetail("the job was cancelled: the server is shutting down.", "server_error", null, "cancelled")).ToResult();
        }
    }
}
