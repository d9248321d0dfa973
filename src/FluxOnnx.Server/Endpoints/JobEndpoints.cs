using System.Text;
using System.Text.Json;
using FluxOnnx.Server.Hosting;
using FluxOnnx.Server.Wire;
using FluxOnnx.Serving;
using FluxOnnx.Serving.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FluxOnnx.Server.Endpoints;

/// <summary>
/// Async jobs: <c>POST /v1/jobs</c> (the generations JSON, or the edits multipart form) answers 202 at once;
/// <c>GET /v1/jobs/{id}</c> shows status, progress and the result; <c>DELETE</c> cancels (a running job at the next
/// step); <c>GET /v1/jobs/{id}/events</c> streams Server-Sent Events (<c>queued</c>, <c>started</c>, <c>progress</c> per
/// step with an optional preview, then <c>succeeded</c>, <c>failed</c> or <c>cancelled</c>). Closing an event stream does
/// not cancel the job.
/// </summary>
internal static class JobEndpoints
{
    public static void Map(WebApplication app, FluxImageService service, FluxServerOptions options)
    {
        app.MapPost("/v1/jobs", async (HttpContext context) =>
        {
            var request = context.Request.HasFormContentType
                ? await MultipartRequestParser.ParseAsync(context.Request, service.Options.Limits, context.RequestAborted)
                : JsonRequestParser.Parse(await RequestBody.ReadJsonAsync(context.Request, options.MaxJsonBytes, context.RequestAborted));
            var job = service.Submit(request, retain: true);
            return Results.Json(JobResponse.From(job), ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
        });
        app.MapGet("/v1/jobs/{id}", (string id) => Results.Json(JobResponse.From(service.FindJob(id)), ApiJson.Options));
        app.MapDelete("/v1/jobs/{id}", (string id) =>
        {
            var job = service.FindJob(id);
            job.Cancel(CancellationReason.Client);
            return Results.Json(JobResponse.From(job), ApiJson.Options);
        });
        app.MapGet("/v1/jobs/{id}/events", (string id, HttpContext context) => StreamAsync(service.FindJob(id), context, options.EventKeepAlive));
    }

    private static async Task StreamAsync(ImageJob job, HttpContext context, TimeSpan keepAlive)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var ct = context.RequestAborted;
        await using var events = job.Events(ct).GetAsyncEnumerator(ct);
        var next = events.MoveNextAsync().AsTask();
        try
        {
            while (true)
            {
                var tick = Task.Delay(keepAlive, ct);
                if (await Task.WhenAny(next, tick) != next)
                {
                    ct.ThrowIfCancellationRequested();
                    await response.WriteAsync(": keep-alive\n\n", ct);
                    await response.Body.FlushAsync(ct);
                    continue;
                }
                if (!await next)
                {
                    return;
                }
                var e = events.Current;
                var data = JsonSerializer.Serialize(JobEventData.From(job.Id, e), ApiJson.Options);
                await response.WriteAsync($"event: {JobEventData.EventName(e.Kind)}\ndata: {data}\n\n", Encoding.UTF8, ct);
                await response.Body.FlushAsync(ct);
                next = events.MoveNextAsync().AsTask();
            }
        }
        finally
        {
            // A client that left mid-wait leaves a read pending (it ends with the request's token): let it finish
            // before the enumerator is disposed.
            await next.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }
}
