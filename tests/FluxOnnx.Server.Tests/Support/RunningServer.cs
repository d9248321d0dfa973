using System.Net.Http.Headers;
using System.Text;
using FluxOnnx.Server.Hosting;
using FluxOnnx.Serving;

namespace FluxOnnx.Server.Tests.Support;

/// <summary>A FluxImageService behind a FluxServer on 127.0.0.1 with an OS-chosen port, and an HttpClient for it.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(FluxImageService service, FluxServer server)
    {
        Service = service;
        Server = server;
        Http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
    }

    public FluxImageService Service { get; }

    public FluxServer Server { get; }

    public HttpClient Http { get; }

    public Uri BaseAddress => Server.BaseAddress;

    /// <summary>Options for the tiny models: one intra-op thread per session, so parallel tests share the 2 cores.</summary>
    public static FluxImageServiceOptions Options(int queue = 8, int maxBatch = 4, ServingLimits? limits = null) => new()
    {
        QueueCapacity = queue,
        MaxBatchImages = maxBatch,
        Limits = limits ?? new ServingLimits(),
        Pipeline = new Pipeline.PipelineOptions { IntraOpThreads = 1 },
    };

    public static async Task<RunningServer> StartAsync(IEnumerable<ServedPackage> packages, FluxImageServiceOptions? options = null,
        FluxServerOptions? serverOptions = null)
    {
        var service = new FluxImageService(packages, options ?? Options());
        var server = FluxServer.Create(service, (serverOptions ?? new FluxServerOptions()) with { Address = System.Net.IPAddress.Loopback, Port = 0 });
        await server.StartAsync();
        await service.LoadAsync();
        return new RunningServer(service, server);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json, CancellationToken cancellationToken = default) =>
        Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), cancellationToken);

    public static ByteArrayContent File(byte[] bytes, string mediaType = "image/png")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        Service.Dispose();
    }
}
