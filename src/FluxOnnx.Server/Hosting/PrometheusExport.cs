using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FluxOnnx.Serving.Metrics;
using Prometheus;

namespace FluxOnnx.Server.Hosting;

/// <summary>
/// Publishes the given meters (only those instances) in a private prometheus-net registry and writes that registry as
/// Prometheus text. Private, so two servers in one process (the tests) never mix numbers.
/// </summary>
/// <remarks>
/// prometheus-net's own <c>MeterAdapter</c> is not used: it exports every System.Diagnostics.Metrics counter with
/// <c># TYPE … gauge</c> on purpose (its MeterAdapter.cs says a .NET meter may be re-created and its count fall;
/// prometheus-net issue #502), so <c>rate()</c> and <c>increase()</c> refuse them. Measured on prometheus-net 8.2.1:
/// <c># TYPE fluxonnx_serving_images_generated gauge</c> (MetricsTests, before this export). The meters here are the server's own instances, which live as
/// long as the registry, so their counts only rise and map onto real Prometheus counters (<c>_total</c>).
/// </remarks>
internal sealed class PrometheusExport : IDisposable
{
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly IMetricFactory _factory;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentExport> _exports = new();

    public PrometheusExport(params Meter[] meters)
    {
        _factory = Metrics.WithCustomRegistry(_registry);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (meters.Contains(instrument.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
        // Observable gauges report only when asked: ask just before each scrape.
        _registry.AddBeforeCollectCallback(_listener.RecordObservableInstruments);
    }

    public Task WriteAsync(Stream output, CancellationToken cancellationToken) => _registry.CollectAndExportAsTextAsync(output, cancellationToken);

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labelNames = new string[tags.Length];
        var labelValues = new string[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            labelNames[i] = tags[i].Key;
            labelValues[i] = tags[i].Value?.ToString() ?? "";
        }
        _exports.GetOrAdd(instrument, i => InstrumentExport.Create(_factory, i, labelNames)).Record(labelNames, labelValues, value);
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>One instrument's Prometheus collector; its label names are fixed by the first measurement.</summary>
    private sealed class InstrumentExport(string[] labelNames, Action<string[], double> record)
    {
        public static InstrumentExport Create(IMetricFactory factory, Instrument instrument, string[] labelNames)
        {
            // FluxOnnx.Serving + queue_depth -> fluxonnx_serving_queue_depth
            var name = (instrument.Meter.Name + "_" + instrument.Name).Replace('.', '_').ToLowerInvariant();
            var help = instrument.Description ?? instrument.Name;
            var kind = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : instrument.GetType();
            if (kind == typeof(Counter<>))
            {
                // Deltas, never negative: a Prometheus counter.
                var counter = factory.CreateCounter(name + "_total", help, labelNames);
                return new InstrumentExport(labelNames, (values, v) => counter.WithLabels(values).Inc(v));
            }
            if (kind == typeof(ObservableCounter<>))
            {
                // Observed running totals: a counter moved up to each total.
                var counter = factory.CreateCounter(name + "_total", help, labelNames);
                return new InstrumentExport(labelNames, (values, v) => counter.WithLabels(values).IncTo(v));
            }
            if (kind == typeof(Histogram<>))
            {
                var histogram = factory.CreateHistogram(name, help, labelNames,
                    new HistogramConfiguration { Buckets = ServingMetrics.BucketsFor(instrument.Name).ToArray() });
                return new InstrumentExport(labelNames, (values, v) => histogram.WithLabels(values).Observe(v));
            }
            var gauge = factory.CreateGauge(name, help, labelNames);
            if (kind == typeof(UpDownCounter<>))
            {
                // Deltas that may be negative: a gauge moved by each.
                return new InstrumentExport(labelNames, (values, v) => gauge.WithLabels(values).Inc(v));
            }
            // Observable gauges and observable up-down counters report the current value.
            return new InstrumentExport(labelNames, (values, v) => gauge.WithLabels(values).Set(v));
        }

        public void Record(string[] names, string[] values, double value)
        {
            if (!names.AsSpan().SequenceEqual(labelNames))
            {
                // A measurement with other tag keys than the first: align by name, missing ones empty.
                values = labelNames.Select(n => Array.IndexOf(names, n) is var k and >= 0 ? values[k] : "").ToArray();
            }
            record(values, value);
        }
    }
}
