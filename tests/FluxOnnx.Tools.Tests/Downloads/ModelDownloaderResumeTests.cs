using FluxOnnx.Tools.Downloads;
using FluxOnnx.Tools.Models;
using Xunit;
using static FluxOnnx.Tools.Tests.Downloads.HubFixtureData;

namespace FluxOnnx.Tools.Tests.Downloads;

public sealed class ModelDownloaderResumeTests
{
    private const string FilePath = "tiny.safetensors";
    private static readonly string Url = $"/{Repository}/resolve/main/{FilePath}";

    [Fact]
    public async Task A_connection_dropped_mid_file_is_resumed_with_a_range_request_from_the_partial_length()
    {
        await using var h = await DownloadHarness.StartAsync();
        byte[] content = Bytes(200_000, seed: 11);
        var served = h.Hub.Serve(Repository, "main", FilePath, content);
        served.DropTimes = 1;
        served.CutAfterBytes = 70_000;

        var result = Assert.Single(await h.Downloader().DownloadAsync(Entry(null, Locked(FilePath, "transformer", content)), h.Folder.Path));

        Assert.Equal(
            [new ReceivedRequest(Url, null, null, 200), new ReceivedRequest(Url, "bytes=70000-", null, 206)],
            h.Hub.Requests);
        Assert.Equal(content, File.ReadAllBytes(h.PathOf(FilePath)));
        Assert.Equal(LockedFileStatus.Verified, result.Check.Status);
        Assert.False(File.Exists(h.PartialOf(FilePath)));
    }

    [Fact]
    public async Task A_server_that_ignores_the_range_restarts_the_file_from_byte_zero()
    {
        await using var h = await DownloadHarness.StartAsync();
        byte[] content = Bytes(100_000, seed: 12);
        h.Hub.Serve(Repository, "main", FilePath, content).IgnoreRange = true;
        File.WriteAllBytes(h.PartialOf(FilePath), content[..30_000]);

        await h.Downloader().DownloadAsync(Entry(null, Locked(FilePath, "transformer", content)), h.Folder.Path);

        Assert.Equal([new ReceivedRequest(Url, "bytes=30000-", null, 200)], h.Hub.Requests);
        // Not appended: the 200 body replaced the partial bytes.
        Assert.Equal(content, File.ReadAllBytes(h.PathOf(FilePath)));
    }

    [Fact]
    public async Task A_complete_partial_file_gets_416_and_is_verified_and_renamed_without_a_body()
    {
        await using var h = await DownloadHarness.StartAsync();
        byte[] content = Bytes(60_000, seed: 13);
        h.Hub.Serve(Repository, "main", FilePath, content);
        File.WriteAllBytes(h.PartialOf(FilePath), content);

        var result = Assert.Single(await h.Downloader().DownloadAsync(Entry(null, Locked(FilePath, "transformer", content)), h.Folder.Path));

        Assert.Equal([new ReceivedRequest(Url, "bytes=60000-", null, 416)], h.Hub.Requests);
        Assert.Equal(DownloadOutcome.Downloaded, result.Outcome);
        Assert.Equal(LockedFileStatus.Verified, result.Check.Status);
        Assert.Equal(content, File.ReadAllBytes(h.PathOf(FilePath)));
        Assert.False(File.Exists(h.PartialOf(FilePath)));
    }

    [Fact]
    public async Task Cancelling_mid_download_keeps_the_partial_file_and_the_next_call_resumes_it()
    {
        await using var h = await DownloadHarness.StartAsync();
        byte[] content = Bytes(150_000, seed: 14);
        var served = h.Hub.Serve(Repository, "main", FilePath, content);
        served.StallTimes = 1;
        served.CutAfterBytes = 60_000;
        var entry = Entry(null, Locked(FilePath, "transformer", content));
        using var cts = new CancellationTokenSource();
        long cancelledAt = -1;
        var progress = new RecordingProgress(p =>
        {
            if (p.Stage == DownloadStage.Downloading && p.BytesDone >= 40_000 && cancelledAt < 0)
            {
                cancelledAt = p.BytesDone;
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Downloader().DownloadAsync(entry, h.Folder.Path, progress, cts.Token));

        Assert.InRange(cancelledAt, 40_000, 60_000);
        Assert.Equal(cancelledAt, new FileInfo(h.PartialOf(FilePath)).Length);
        Assert.Equal(content[..(int)cancelledAt], File.ReadAllBytes(h.PartialOf(FilePath)));
        Assert.False(File.Exists(h.PathOf(FilePath)));

        var result = Assert.Single(await h.Downloader().DownloadAsync(entry, h.Folder.Path));

        Assert.Equal(new ReceivedRequest(Url, $"bytes={cancelledAt}-", null, 206), h.Hub.Requests[^1]);
        Assert.Equal(2, h.Hub.Requests.Count);
        Assert.Equal(LockedFileStatus.Verified, result.Check.Status);
        Assert.Equal(content, File.ReadAllBytes(h.PathOf(FilePath)));
    }

    [Fact]
    public async Task Drops_on_every_attempt_stop_after_the_retries_with_the_partial_file_kept()
    {
        await using var h = await DownloadHarness.StartAsync();
        byte[] content = Bytes(100_000, seed: 15);
        var served = h.Hub.Serve(Repository, "main", FilePath, content);
        served.DropTimes = int.MaxValue;
        served.CutAfterBytes = 10_000;

        var error = await Assert.ThrowsAsync<ModelDownloadException>(
            () => h.Downloader(retries: 2).DownloadAsync(Entry(null, Locked(FilePath, "transformer", content)), h.Folder.Path));

        Assert.Equal(ModelDownloadError.TransferFailed, error.Reason);
        Assert.EndsWith(Url, error.Url);
        Assert.Equal(
            [new ReceivedRequest(Url, null, null, 200),
             new ReceivedRequest(Url, "bytes=10000-", null, 206),
             new ReceivedRequest(Url, "bytes=20000-", null, 206)],
            h.Hub.Requests);
        Assert.Equal(content[..30_000], File.ReadAllBytes(h.PartialOf(FilePath)));
        Assert.False(File.Exists(h.PathOf(FilePath)));
    }

    [Fact]
    public async Task A_resume_through_the_hubs_redirect_keeps_the_range_header()
    {
        await using var h = await DownloadHarness.StartAsync();
        byte[] content = Bytes(90_000, seed: 16);
        var cdn = h.Hub.Serve("cdn", "blob", "abc", content);
        cdn.DropTimes = 1;
        cdn.CutAfterBytes = 25_000;
        h.Hub.Serve(Repository, "main", FilePath, content).RedirectTo = "/cdn/resolve/blob/abc";

        await h.Downloader().DownloadAsync(Entry(null, Locked(FilePath, "transformer", content)), h.Folder.Path);

        Assert.Equal(
            [new ReceivedRequest(Url, null, null, 302), new ReceivedRequest("/cdn/resolve/blob/abc", null, null, 200),
             new ReceivedRequest(Url, "bytes=25000-", null, 302), new ReceivedRequest("/cdn/resolve/blob/abc", "bytes=25000-", null, 206)],
            h.Hub.Requests);
        Assert.Equal(content, File.ReadAllBytes(h.PathOf(FilePath)));
    }
}
