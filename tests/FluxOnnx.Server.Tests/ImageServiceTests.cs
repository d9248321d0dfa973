using System.Globalization;
using FluxOnnx.Imaging;
using FluxOnnx.Server.Tests.Support;
using FluxOnnx.Serving;
using FluxOnnx.Serving.Errors;
using FluxOnnx.Serving.Jobs;
using Xunit;

namespace FluxOnnx.Server.Tests;

/// <summary>FluxImageService hosted directly (no HTTP): batching, cancellation inside a batch, readiness, queue limits.</summary>
[Collection(ServerCollection.Name)]
public sealed class ImageServiceTests(TinyPackages packages) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flux-serve-service-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ImageJobRequest Blocker => new() { Prompt = "blocker", Width = 256, Height = 256, Steps = 100, Seed = 1 };

    [Fact]
    public async Task Compatible_queued_jobs_share_one_batch_and_each_equals_its_single_run()
    {
        using var service = await OpenAsync(maxBatch: 4);
        var blocker = service.Submit(Blocker);
        string[] prompts = ["a red fox", "a blue bird", "a red fox", "green hills"];
        var jobs = prompts.Select((p, i) => service.Submit(new ImageJobRequest { Prompt = p, Width = 64, Height = 48, Steps = 2, Seed = 100UL + (ulong)(10 * i) })).ToArray();
        var other = service.Submit(new ImageJobRequest { Prompt = "a red fox", Width = 48, Height = 48, Steps = 2, Seed = 7 });
        blocker.Cancel();

        var results = await Task.WhenAll(jobs.Select(j => j.Completion));
        var alone = await other.Completion;

        Assert.All(results, r => Assert.Equal(4, r.BatchImages));
        Assert.Equal(1, alone.BatchImages);
        Assert.Equal(ImageJobStatus.Cancelled, blocker.Status);
        for (var i = 0; i < jobs.Length; i++)
        {
            var image = Assert.Single(results[i].Images);
            Assert.Equal(100UL + (ulong)(10 * i), image.Seed);
            var expected = await FluxGenerate.RunAsync(_dir, prompts[i], "--package", packages.Schnell,
                "--seed", image.Seed.ToString(CultureInfo.InvariantCulture), "--width", "64", "--height", "48", "--steps", "2");
            PixelAssert.WithinOne(expected, ImageDecoder.Decode(image.Bytes));
        }
    }

    [Fact]
    public async Task A_job_cancelled_inside_a_batch_stops_while_the_other_finishes()
    {
        using var service = await OpenAsync(maxBatch: 4);
        var blocker = service.Submit(Blocker);
        var a = service.Submit(new ImageJobRequest { Prompt = "a", Width = 64, Height = 64, Steps = 60, Seed = 3 });
        var b = service.Submit(new ImageJobRequest { Prompt = "b", Width = 64, Height = 64, Steps = 60, Seed = 4 });
        blocker.Cancel();

        var asked = false;
        await foreach (var e in a.Events())
        {
            if (e.Kind == ImageJobEventKind.Progress && !asked)
            {
                asked = a.Cancel();
                Assert.True(asked);
            }
        }
        var result = await b.Completion;

        Assert.Equal(ImageJobStatus.Cancelled, a.Status);
        Assert.Equal(CancellationReason.Client, a.CancelledBecause);
        Assert.True(a.Step < 60);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a.Completion);
        Assert.Equal((2, 60, ImageJobStatus.Succeeded), (result.BatchImages, b.Step, b.Status));
    }

    [Fact]
    public async Task Submitting_before_load_or_beyond_the_queue_is_refused_with_typed_errors()
    {
        using var service = new FluxImageService([new ServedPackage(packages.Schnell, "flux-tiny")], RunningServer.Options(queue: 1));
        var early = Assert.Throws<ServiceNotReadyException>(() => service.Submit(new ImageJobRequest { Prompt = "x" }));
        Assert.Equal(("loading", "not_ready"), (early.State, early.Code));
        await service.LoadAsync();

        var blocker = service.Submit(Blocker);
        await WaitUntilAsync(() => blocker.Status == ImageJobStatus.Running);
        service.Submit(new ImageJobRequest { Prompt = "waits", Width = 32, Height = 32, Steps = 1 });
        var full = Assert.Throws<QueueFullException>(() => service.Submit(new ImageJobRequest { Prompt = "no room" }));
        Assert.Equal(("flux-tiny", 1, "queue_full"), (full.Model, full.Capacity, full.Code));
        Assert.True(full.RetryAfter >= TimeSpan.FromSeconds(1));
        blocker.Cancel();

        var unknown = Assert.Throws<ModelNotFoundException>(() => service.Submit(new ImageJobRequest { Prompt = "x", Model = "sdxl" }));
        Assert.Equal(["flux-tiny"], unknown.Available);
    }

    [Fact]
    public void Two_packages_with_one_name_are_refused()
    {
        var e = Assert.Throws<InvalidServiceOptionsException>(() => new FluxImageService([new ServedPackage(packages.Schnell, "m"), new ServedPackage(packages.Schnell, "m")]));
        Assert.Equal(("packages", "m", "invalid_service_options"), (e.Member, e.Name, e.Code));
        Assert.Equal("packages: two packages are named 'm'; give each its own name", e.Message);
    }

    [Fact]
    public void Two_loras_with_one_name_are_refused()
    {
        ServedLora Lora(string name) => new(name, _ => throw new InvalidOperationException("not read before the check"));
        var e = Assert.Throws<InvalidServiceOptionsException>(() => new FluxImageService([new ServedPackage(packages.Schnell, "m")],
            new FluxImageServiceOptions { Loras = [Lora("style"), Lora("style")] }));
        Assert.Equal(("Loras", "style"), (e.Member, e.Name));
        Assert.Equal("Loras: two LoRAs are registered as 'style'", e.Message);
    }

    private async Task<FluxImageService> OpenAsync(int maxBatch)
    {
        var service = new FluxImageService([new ServedPackage(packages.Schnell, "flux-tiny")], RunningServer.Options(maxBatch: maxBatch));
        await service.LoadAsync();
        return service;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in 10 s");
            await Task.Delay(10);
        }
    }
}
