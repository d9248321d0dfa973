using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FluxOnnx.Server.Hosting;

/// <summary>The host's own instruments (meter <c>FluxOnnx.Server</c>): HTTP responses by route and status, and the
/// process's memory, sampled at each scrape.</summary>
internal sealed class HttpMetrics : IDisposable
{
    public const string MeterName = "FluxOnnx.Server";

    private readonly Counter<long> _requests;

    public HttpMetrics()
    {
        Meter = new Meter(MeterName);
        _requests = Meter.CreateCounter<long>("http_requests", "{request}", "HTTP responses by route and status code.");
        Meter.CreateObservableGauge("process_working_set_bytes", () =>
        {
            using var process = Process.GetCurrentProcess();
            return process.WorkingSet64;
        }, "By", "Resident memory of the server process.");
        Meter.CreateObservableGauge("process_managed_heap_bytes", () => GC.GetTotalMemory(false), "By", "Managed heap in use.");
    }

    public Meter Meter { get; }

    public void Record(string route, int status) =>
        _requests.Add(1, new KeyValuePair<string, object?>("route", route), new KeyValuePair<string, object?>("status", status));

    public void Dispose() => Meter.Dispose();
}
