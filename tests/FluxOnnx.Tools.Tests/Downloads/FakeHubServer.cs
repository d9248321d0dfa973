using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FluxOnnx.Tools.Tests.Downloads;

/// <summary>
/// A Hugging Face–style hub on 127.0.0.1 at an ephemeral port (Kestrel): serves registered files at
/// <c>/{repo}/resolve/{rev}/{path}</c> with single open-ended <c>Range: bytes=N-</c> support (206, or 416 with
/// <c>bytes */len</c>), records every request, and misbehaves per <see cref="ServedFile"/> switches.
/// Unregistered paths are 404. Disposing stops it (in-flight requests get at most two seconds).
/// </summary>
internal sealed class FakeHubServer : IAsyncDisposable
{
    /// <summary>Upper bound on a stalled response, so a test that fails to cancel cannot hang the server.</summary>
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ServedFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    private FakeHubServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>When set, requests without <c>Authorization: Bearer {token}</c> get 401, with another token 403.</summary>
    public string? RequiredToken { get; set; }

    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToArray();

    public static async Task<FakeHubServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        FakeHubServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new FakeHubServer(app, new Uri(address));
        return server;
    }

    public ServedFile Serve(string repository, string revision, string path, byte[] content)
    {
        var file = new ServedFile(content);
        _files[$"/{repository}/resolve/{revision}/{path}"] = file;
        return file;
    }

    public IReadOnlyList<ReceivedRequest> RequestsFor(string repository, string revision, string path) =>
        Requests.Where(r => r.Path == $"/{repository}/resolve/{revision}/{path}").ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "";
        string? range = context.Request.Headers.Range.FirstOrDefault();
        string? authorization = context.Request.Headers.Authorization.FirstOrDefault();
        int status = Decide(path, range, authorization, out var file, out long start);
        _requests.Enqueue(new ReceivedRequest(path, range, authorization, status));
        var response = context.Response;
        response.StatusCode = status;
        if (status == 302)
        {
            response.Headers.Location = file!.RedirectTo;
            return;
        }
        if (file is null || status is not (200 or 206 or 416))
        {
            return;
        }
        long length = file.Content.Length;
        if (status == 416)
        {
            response.Headers.ContentRange = $"bytes */{length}";
            return;
        }
        if (status == 206)
        {
            response.Headers.ContentRange = $"bytes {start}-{length - 1}/{length}";
        }
        byte[] body = file.Content[(int)start..];
        if (file.Corrupt)
        {
            body[body.Length / 2] ^= 0xFF;
        }
        response.ContentLength = body.Length;
        bool drop = file.TakeDrop();
        bool stall = !drop && file.TakeStall();
        if (!drop && !stall)
        {
            await response.Body.WriteAsync(body);
            return;
        }
        await response.Body.WriteAsync(body.AsMemory(0, Math.Min(file.CutAfterBytes, body.Length)));
        await response.Body.FlushAsync();
        if (stall)
        {
            try
            {
                await Task.Delay(StallLimit, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client went away: the point of the stall.
            }
        }
        // Returning short of Content-Length makes Kestrel close the connection after sending what was written
        // (context.Abort() would discard bytes still queued for the socket, making the cut point racy).
    }

    private int Decide(string path, string? range, string? authorization, out ServedFile? file, out long start)
    {
        start = 0;
        file = null;
        if (RequiredToken is { } token && authorization != $"Bearer {token}")
        {
            return authorization is null ? 401 : 403;
        }
        if (!_files.TryGetValue(path, out file))
        {
            return 404;
        }
        if (file.Status is { } forced)
        {
            return forced;
        }
        if (file.RedirectTo is not null)
        {
            return 302;
        }
        if (range is null || file.IgnoreRange)
        {
            return 200;
        }
        // Only the open-ended form the downloader sends: "bytes=N-".
        if (!range.StartsWith("bytes=", StringComparison.Ordinal) || !range.EndsWith('-')
            || !long.TryParse(range.AsSpan(6, range.Length - 7), out start))
        {
            return 400;
        }
        return start >= file.Content.Length ? 416 : 206;
    }
}
