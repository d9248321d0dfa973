using System.Net;

namespace FluxOnnx.Server.Hosting;

/// <summary>Where and how <see cref="FluxServer"/> listens.</summary>
public sealed record FluxServerOptions
{
    /// <summary>Address to bind; loopback by default (give <see cref="IPAddress.Any"/> to serve other machines).</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 picks a free one (see <see cref="FluxServer.BaseAddress"/>).</summary>
    public int Port { get; init; } = 8000;

    /// <summary>Bearer keys accepted on <c>/v1/*</c>; empty means no authentication. <c>/healthz</c>, <c>/readyz</c> and
    /// <c>/metrics</c> stay open (probes and scrapers carry no key).</summary>
    public ApiKeys ApiKeys { get; init; } = ApiKeys.None;

    /// <summary>Largest JSON request body, in bytes (a prompt is small; this keeps a hostile body from being buffered).</summary>
    public int MaxJsonBytes { get; init; } = 1 << 20;

    /// <summary>Seconds between SSE comment lines that keep idle event streams open through proxies.</summary>
    public TimeSpan EventKeepAlive { get; init; } = TimeSpan.FromSeconds(15);
}
