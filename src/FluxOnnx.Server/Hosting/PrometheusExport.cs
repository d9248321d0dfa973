using System.Diagnostics.Metrics;
using FluxOnnx.Serving.Metrics;
using Prometheus;

namespace FluxOnnx.Server.Hosting;

/// <summary>
/// Publishes the given meters (only those instances) in a private prometheus-net registry through its
/// System.Diagnostics.Metrics adapter, and writes that registry as Prometheus text. Private, so two servers in one
/// process (the tests) never mix numbers.
/// </summary>
internal sealed class PrometheusExport : IDisposable
{
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly IDisposable _adapter;

    public PrometheusExport(params Meter[] meters)
    {
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = _registry,
            MetricFactory = Metrics.WithCustomRegistry(_registry),
            InstrumentFilterPredicate = instrument => meters.Contains(instrument.Meter),
            ResolveHistogramBuckets = instrument => ServingMetrics.BucketsFor(instrument.Name).ToArray(),
            MetricsExpireAfter = TimeSpan.FromDays(1),
        });
    }

    public Task WriteAsync(Stream output, CancellationToken cancellationToken) => _registry.CollectAndExportAsTextAsync(output, cancellationToken);

    public void Dispose() => _adapter.Dispose();
}
