using System.Diagnostics.Metrics;
using System.Text;
using FluxOnnx.Server.Hosting;
using Xunit;

namespace FluxOnnx.Server.Tests;

/// <summary>The meter → Prometheus bridge maps each System.Diagnostics.Metrics instrument kind onto the Prometheus
/// type with the same meaning, and exports only the meters it was given.</summary>
public sealed class PrometheusExportTests
{
    [Fact]
    public async Task Each_instrument_kind_keeps_its_meaning()
    {
        using var meter = new Meter("Test.Bridge");
        using var other = new Meter("Test.Other");
        var counter = meter.CreateCounter<long>("done");
        var upDown = meter.CreateUpDownCounter<int>("in_flight");
        long total = 0;
        meter.CreateObservableCounter("bytes", () => total);
        meter.CreateObservableGauge("temperature", () => 21.5);
        var histogram = meter.CreateHistogram<double>("wait_seconds");
        other.CreateCounter<long>("hidden").Add(1);

        using var export = new PrometheusExport(meter);
        counter.Add(2, new KeyValuePair<string, object?>("outcome", "ok"));
        counter.Add(3, new KeyValuePair<string, object?>("outcome", "ok"));
        upDown.Add(4);
        upDown.Add(-3);
        total = 1000;
        histogram.Record(0.2);
        histogram.Record(3);
        var first = await ScrapeAsync(export);
        total = 1500;
        var second = await ScrapeAsync(export);

        Assert.Contains("# TYPE test_bridge_done_total counter", first);
        Assert.Contains("test_bridge_done_total{outcome=\"ok\"} 5", first);
        Assert.Contains("# TYPE test_bridge_in_flight gauge", first);
        Assert.Contains("test_bridge_in_flight 1", first);
        Assert.Contains("# TYPE test_bridge_bytes_total counter", first);
        Assert.Contains("test_bridge_bytes_total 1000", first);
        Assert.Contains("test_bridge_bytes_total 1500", second);
        Assert.Contains("# TYPE test_bridge_temperature gauge", first);
        Assert.Contains("test_bridge_temperature 21.5", first);
        Assert.Contains("# TYPE test_bridge_wait_seconds histogram", first);
        Assert.Contains("test_bridge_wait_seconds_count 2", first);
        Assert.Contains("test_bridge_wait_seconds_sum 3.2", first);
        Assert.DoesNotContain("hidden", first);
    }

    private static async Task<string> ScrapeAsync(PrometheusExport export)
    {
        using var buffer = new MemoryStream();
        await export.WriteAsync(buffer, CancellationToken.None);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
