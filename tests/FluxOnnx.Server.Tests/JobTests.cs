using System.Net;
using System.Text.Json;
using FluxOnnx.Imaging;
using FluxOnnx.Server.Tests.Support;
using FluxOnnx.Serving;
using Xunit;

namespace FluxOnnx.Server.Tests;

/// <summary>/v1/jobs: 202 with id and queue position, status and result, Server-Sent Events per step (with latent
/// previews), DELETE of a queued and of a running job, and a disconnecting client's job cancelled (seen in /metrics).</summary>
[Collection(ServerCollection.Name)]
public sealed class JobTests(TinyPackages packages) : IAsyncLifetime
{
    /// <summary>Long enough to keep the worker busy until the test cancels it.</summary>
    private const string Blocker = """{"prompt":"blocker","size":"256x256","steps":100,"seed":9}""";

    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync([new ServedPackage(packages.Schnell, "flux-tiny")]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_job_is_accepted_then_polled_to_its_result()
    {
        var job = await SubmitAsync("""{"prompt":"a harbour","size":"64x32","steps":2,"seed":77}""");
        Assert.StartsWith("img_", job.GetProperty("id").GetString());
        Assert.Equal("image.job", job.GetProperty("object").GetString());
        Assert.Contains(job.GetProperty("status").GetString(), new[] { "queued", "running", "succeeded" });

        var done = await PollAsync(job.GetProperty("id").GetString()!, "succeeded");
        Assert.Equal(2, done.GetProperty("progress").GetProperty("step").GetInt32());
        Assert.Equal(2, done.GetProperty("progress").GetProperty("total_steps").GetInt32());
        var data = done.GetProperty("result").GetProperty("data")[0];
        Assert.Equal(77UL, data.GetProperty("seed").GetUInt64());
        var png = Convert.FromBase64String(data.GetProperty("b64_json").GetString()!);
        Assert.Equal(77UL, PngSeed.Read(png));
        Assert.Equal((64, 32), (ImageDecoder.Decode(png).Width, ImageDecoder.Decode(png).Height));
    }

    [Fact]
    public async Task Events_stream_each_step_with_a_preview_after_the_queued_state()
    {
        var blocker = (await SubmitAsync(Blocker)).GetProperty("id").GetString()!;
        var id = (await SubmitAsync("""{"prompt":"a field","size":"64x64","steps":3,"seed":5,"preview":true}""")).GetProperty("id").GetString()!;
        var events = new List<(string Event, JsonElement Data)>();
        await foreach (var e in SseReader.ReadAsync(_server.Http, $"v1/jobs/{id}/events"))
        {
            events.Add(e);
            if (events.Count == 1)
            {
                Assert.Equal("queued", e.Event);
                Assert.Equal(0, e.Data.GetProperty("queue_position").GetInt32());
                using var cancel = await _server.Http.DeleteAsync($"v1/jobs/{blocker}");
                Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
            }
        }

        Assert.Equal(["queued", "started", "progress", "progress", "progress", "succeeded"], events.Select(e => e.Event).ToArray());
        Assert.Equal([1, 2, 3], events.Where(e => e.Event == "progress").Select(e => e.Data.GetProperty("step").GetInt32()).ToArray());
        foreach (var progress in events.Where(e => e.Event == "progress"))
        {
            Assert.Equal(3, progress.Data.GetProperty("total_steps").GetInt32());
            var preview = ImageDecoder.Decode(Convert.FromBase64String(progress.Data.GetProperty("preview_png_b64").GetString()!));
            Assert.Equal((4, 4, 3), (preview.Width, preview.Height, preview.Channels)); // 1/16 of 64×64
        }
        Assert.Equal("succeeded", events[^1].Data.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Deleting_a_queued_job_cancels_it_at_once()
    {
        var blocker = (await SubmitAsync(Blocker)).GetProperty("id").GetString()!;
        var queued = await SubmitAsync("""{"prompt":"later","size":"32x32","steps":1}""");
        Assert.Equal("queued", queued.GetProperty("status").GetString());
        Assert.Equal(0, queued.GetProperty("queue_position").GetInt32());

        using var response = await _server.Http.DeleteAsync($"v1/jobs/{queued.GetProperty("id").GetString()}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("cancelled", body.GetProperty("status").GetString());
        Assert.Equal(1d, await MetricsText.WaitForAsync(_server.Http, """fluxonnx_serving_cancellations_total{model="flux-tiny",reason="client"}""", 1, TimeSpan.FromSeconds(5)));
        (await _server.Http.DeleteAsync($"v1/jobs/{blocker}")).Dispose();
        await PollAsync(blocker, "cancelled");
    }

    [Fact]
    public async Task Deleting_a_running_job_stops_it_at_the_next_step()
    {
        var id = (await SubmitAsync(Blocker)).GetProperty("id").GetString()!;
        var events = new List<(string Event, JsonElement Data)>();
        var stepAtDelete = -1;
        await foreach (var e in SseReader.ReadAsync(_server.Http, $"v1/jobs/{id}/events"))
        {
            events.Add(e);
            if (e.Event == "progress" && e.Data.GetProperty("step").GetInt32() == 1)
            {
                using var deleted = await _server.Http.DeleteAsync($"v1/jobs/{id}");
                stepAtDelete = JsonDocument.Parse(await deleted.Content.ReadAsStringAsync()).RootElement.GetProperty("progress").GetProperty("step").GetInt32();
            }
        }

        // Cancelled at the first step boundary after the DELETE: the step it reports is the one the DELETE saw, or
        // the next if that step was finishing while the DELETE was answered.
        Assert.Equal("cancelled", events[^1].Event);
        Assert.InRange(events[^1].Data.GetProperty("step").GetInt32(), stepAtDelete, stepAtDelete + 1);
        Assert.True(stepAtDelete < 100);
        Assert.DoesNotContain(events, e => e.Event == "succeeded");
        var job = await PollAsync(id, "cancelled");
        Assert.Equal(JsonValueKind.Undefined, job.TryGetProperty("result", out var r) ? r.ValueKind : JsonValueKind.Undefined);
    }

    [Fact]
    public async Task A_client_that_disconnects_cancels_its_request_and_the_metrics_show_it()
    {
        using var cts = new CancellationTokenSource();
        var request = _server.PostJsonAsync("v1/images/generations", Blocker, cts.Token);
        Assert.Equal(1d, await MetricsText.WaitForAsync(_server.Http, """fluxonnx_serving_jobs_running{model="flux-tiny"}""", 1, TimeSpan.FromSeconds(10)));

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);

        Assert.Equal(1d, await MetricsText.WaitForAsync(_server.Http, """fluxonnx_serving_cancellations_total{model="flux-tiny",reason="disconnect"}""", 1, TimeSpan.FromSeconds(10)));
        Assert.Equal(0d, await MetricsText.SampleAsync(_server.Http, """fluxonnx_serving_jobs_running{model="flux-tiny"}"""));
        using var next = await _server.PostJsonAsync("v1/images/generations", """{"prompt":"next","size":"32x32","steps":1}""");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    private async Task<JsonElement> SubmitAsync(string json)
    {
        using var response = await _server.PostJsonAsync("v1/jobs", json);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<JsonElement> PollAsync(string id, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var job = JsonDocument.Parse(await _server.Http.GetStringAsync($"v1/jobs/{id}")).RootElement.Clone();
            if (job.GetProperty("status").GetString() == status)
            {
                return job;
            }
            Assert.True(DateTime.UtcNow < deadline, $"job {id} is {job.GetProperty("status").GetString()}, waited for {status}");
            await Task.Delay(50);
        }
    }
}
