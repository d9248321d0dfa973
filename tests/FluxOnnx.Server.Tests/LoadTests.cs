using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using FluxOnnx.Server.Tests.Support;
using FluxOnnx.Serving;
using Xunit;
using Xunit.Abstractions;

namespace FluxOnnx.Server.Tests;

/// <summary>
/// 200 requests from 16 concurrent clients against a queue of 8: each ends 200 (with its own image, by seed and
/// prompt) or 429 with Retry-After (which the client then honours before its next request), none lost or duplicated, memory flat after the first 50; meanwhile a 17th client
/// hangs up on its requests and the metrics show those cancellations. Bounded: tiny model, 32×32, 2 steps.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class LoadTests(TinyPackages packages, ITestOutputHelper output)
{
    private const int Requests = 200;
    private const int Clients = 16;

    [Fact]
    public async Task Two_hundred_requests_from_sixteen_clients_each_end_200_or_429()
    {
        await using var server = await RunningServer.StartAsync(
            [new ServedPackage(packages.Schnell, "load"), new ServedPackage(packages.Schnell, "hangup")], RunningServer.Options(queue: 8, maxBatch: 4));
        var outcomes = new ConcurrentDictionary<int, (HttpStatusCode Status, ulong? Seed, string? Prompt, TimeSpan? RetryAfter)>();
        var next = -1;
        long? rssAfter50 = null, heapAfter50 = null;
        var sampleLock = new object();
        var clock = Stopwatch.StartNew();

        async Task ClientAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Requests)
            {
                var body = $$"""{"model":"load","prompt":"load {{i}}","size":"32x32","steps":2,"seed":{{1000 + i}}}""";
                using var response = await server.PostJsonAsync("v1/images/generations", body);
                ulong? seed = null;
                string? prompt = null;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var png = Convert.FromBase64String(JsonDocument.Parse(await response.Content.ReadAsStringAsync())
                        .RootElement.GetProperty("data")[0].GetProperty("b64_json").GetString()!);
                    seed = PngSeed.Read(png);
                    prompt = JsonDocument.Parse(FluxOnnx.Imaging.PngTextReader.Read(png).Single(t => t.Keyword == "parameters").Text)
                        .RootElement.GetProperty("prompt").GetString();
                }
                Assert.True(outcomes.TryAdd(i, (response.StatusCode, seed, prompt, response.Headers.RetryAfter?.Delta)), $"request {i} answered twice");
                if (outcomes.Count >= 50)
                {
                    lock (sampleLock) // several clients can pass 50 at once: sample exactly once
                    {
                        if (rssAfter50 is null)
                        {
                            (rssAfter50, heapAfter50) = Memory();
                        }
                    }
                }
                if (response.Headers.RetryAfter?.Delta is { } wait)
                {
                    await Task.Delay(wait); // a polite client: its next request waits as told
                }
            }
        }

        var hangups = 0;
        using var stop = new CancellationTokenSource();
        async Task HangupClientAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                cts.CancelAfter(TimeSpan.FromMilliseconds(150));
                try
                {
                    using var response = await server.PostJsonAsync("v1/images/generations",
                        """{"model":"hangup","prompt":"never waited for","size":"64x64","steps":100}""", cts.Token);
                }
                catch (OperationCanceledException)
                {
                    hangups++;
                }
            }
        }

        var hangup = HangupClientAsync();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(ClientAsync)));
        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        await hangup;
        var (rssEnd, heapEnd) = Memory();

        Assert.Equal(Requests, outcomes.Count);
        Assert.All(outcomes.Values, o => Assert.Contains(o.Status, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        var ok = outcomes.Where(o => o.Value.Status == HttpStatusCode.OK).ToArray();
        var rejected = outcomes.Values.Where(o => o.Status == HttpStatusCode.TooManyRequests).ToArray();
        Assert.All(ok, o => Assert.Equal((1000UL + (ulong)o.Key, $"load {o.Key}"), (o.Value.Seed!.Value, o.Value.Prompt!)));
        Assert.Equal(ok.Length, ok.Select(o => o.Value.Seed).Distinct().Count());
        Assert.All(rejected, o => Assert.True(o.RetryAfter >= TimeSpan.FromSeconds(1)));
        Assert.NotEmpty(ok);
        Assert.NotEmpty(rejected);

        // Server-side counts agree: every 200 is one delivered image, every 429 one rejected job, nothing else.
        Assert.Equal(ok.Length, await MetricsText.SampleAsync(server.Http, """fluxonnx_serving_images_generated_total{model="load"}"""));
        Assert.Equal(rejected.Length, await MetricsText.SampleAsync(server.Http, """fluxonnx_serving_jobs_total{model="load",outcome="rejected"}"""));
        Assert.Null(await MetricsText.SampleAsync(server.Http, """fluxonnx_serving_jobs_total{model="load",outcome="failed"}"""));
        var disconnects = await MetricsText.WaitForAsync(server.Http, """fluxonnx_serving_cancellations_total{model="hangup",reason="disconnect"}""", 1, TimeSpan.FromSeconds(10));
        Assert.True(disconnects >= 1, $"no disconnect cancellation in the metrics after {hangups} hang-ups");

        const long MiB = 1 << 20;
        output.WriteLine($"{Requests} requests, {Clients} clients, queue 8, batch ≤ 4: {ok.Length} × 200, {rejected.Length} × 429 in {elapsed.TotalSeconds:0.0} s");
        output.WriteLine($"hang-ups: {hangups} requests abandoned by the client, {disconnects} cancelled by disconnect (metrics)");
        output.WriteLine($"working set after 50: {rssAfter50 / MiB} MiB, after {Requests}: {rssEnd / MiB} MiB; managed heap after 50: {heapAfter50 / MiB} MiB, after {Requests}: {heapEnd / MiB} MiB");
        Assert.True(rssEnd - rssAfter50 < 100 * MiB, $"working set grew from {rssAfter50 / MiB} to {rssEnd / MiB} MiB");
        Assert.True(heapEnd - heapAfter50 < 32 * MiB, $"managed heap grew from {heapAfter50 / MiB} to {heapEnd / MiB} MiB");
    }

    private static (long WorkingSet, long ManagedHeap) Memory()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64, heap);
    }
}
