using System.Net;
using FluxOnnx.Server.Tests.Support;
using FluxOnnx.Serving;
using Xunit;

namespace FluxOnnx.Server.Tests;

/// <summary>/metrics speaks Prometheus types: counts are counters (<c>_total</c>, usable by rate()), latencies
/// histograms, queue depths gauges; one generation moves each by the exact amount.</summary>
[Collection(ServerCollection.Name)]
public sealed class MetricsTests(TinyPackages packages) : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync([new ServedPackage(packages.Schnell, "flux-tiny")]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Counts_are_counters_latencies_histograms_and_depths_gauges()
    {
        using (var response = await _server.PostJsonAsync("v1/images/generations", """{"prompt":"a lamp","size":"32x32","steps":3,"seed":5,"n":2}"""))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var text = await _server.Http.GetStringAsync("metrics");
        var types = text.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).ToHashSet();
        Assert.Contains("# TYPE fluxonnx_serving_jobs_total counter", types);
        Assert.Contains("# TYPE fluxonnx_serving_images_generated_total counter", types);
        Assert.Contains("# TYPE fluxonnx_serving_step_duration_seconds histogram", types);
        Assert.Contains("# TYPE fluxonnx_serving_job_duration_seconds histogram", types);
        Assert.Contains("# TYPE fluxonnx_serving_batch_images histogram", types);
        Assert.Contains("# TYPE fluxonnx_serving_queue_depth gauge", types);
        Assert.Contains("# TYPE fluxonnx_serving_jobs_running gauge", types);
        Assert.DoesNotContain(types, t => t.EndsWith("_total gauge", StringComparison.Ordinal));

        Assert.Equal(2d, await MetricsText.SampleAsync(_server.Http, """fluxonnx_serving_images_generated_total{model="flux-tiny"}"""));
        Assert.Equal(1d, await MetricsText.SampleAsync(_server.Http, """fluxonnx_serving_jobs_total{model="flux-tiny",outcome="succeeded"}"""));
        // One job of two images runs as one batch: 3 steps, each timed once.
        Assert.Equal(3d, await MetricsText.SampleAsync(_server.Http, """fluxonnx_serving_step_duration_seconds_count{model="flux-tiny"}"""));
        Assert.Equal(1d, await MetricsText.SampleAsync(_server.Http, """fluxonnx_serving_batch_images_bucket{model="flux-tiny",le="2"}"""));
        Assert.Equal(0d, await MetricsText.SampleAsync(_server.Http, """fluxonnx_serving_queue_depth{model="flux-tiny"}"""));
    }
}
