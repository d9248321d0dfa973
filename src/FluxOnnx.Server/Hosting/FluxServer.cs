using FluxOnnx.Server.Endpoints;
using FluxOnnx.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FluxOnnx.Server.Hosting;

/// <summary>
/// The HTTP front of a <see cref="FluxImageService"/>: Kestrel on one address and port, the OpenAI images API, jobs,
/// health, readiness and metrics. Built on an empty host (no configuration files, environment variables or logging
/// providers are read). The server does not own the service: dispose the service after the server.
/// </summary>
public sealed class FluxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpMetrics _httpMetrics;
    private readonly PrometheusExport _export;

    private FluxServer(WebApplication app, HttpMetrics httpMetrics, PrometheusExport export)
    {
        _app = app;
        _httpMetrics = httpMetrics;
        _export = export;
    }

    /// <summary>The address clients use, e.g. <c>http://127.0.0.1:8000/</c>; known once started.</summary>
    public Uri BaseAddress { get; private set; } = new("http://unstarted/");

    public static FluxServer Create(FluxImageService service, FluxServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        options ??= new FluxServerOptions();
        var limits = service.Options.Limits;
        // Three image fields at the upload limit, plus the text fields.
        var maxBody = 3 * limits.MaxUploadBytes + (1 << 20);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(FluxServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(options.Address, options.Port);
            k.Limits.MaxRequestBodySize = maxBody;
            k.AddServerHeader = false;
        });
        builder.Services.AddRoutingCore();
        builder.Services.Configure<FormOptions>(f =>
        {
            f.MultipartBodyLengthLimit = maxBody;
            f.ValueLengthLimit = Math.Max(64 * 1024, limits.MaxPromptLength * 4);
            f.ValueCountLimit = 64;
        });
        var app = builder.Build();
        var httpMetrics = new HttpMetrics();
        var export = new PrometheusExport(service.Metrics.Meter, httpMetrics.Meter);
        app.UseMiddleware<RequestCounting>(httpMetrics);
        app.UseMiddleware<ErrorHandling>();
        app.UseMiddleware<ApiKeyCheck>(options.ApiKeys);
        app.UseRouting();
        ImageEndpoints.Map(app, service, options);
        JobEndpoints.Map(app, service, options);
        ServiceEndpoints.Map(app, service, export);
        return new FluxServer(app, httpMetrics, export);
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <summary>Completes when the server stops (after <see cref="StopAsync"/> or when <paramref name="cancellationToken"/> fires).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        _export.Dispose();
        _httpMetrics.Dispose();
    }
}
