using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FluxOnnx.Server.Hosting;

/// <summary>Counts every response by route template and final status (outermost middleware).</summary>
internal sealed class RequestCounting(RequestDelegate next, HttpMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 499 : context.Response.StatusCode;
            metrics.Record(route, status);
        }
    }
}
