using FluxOnnx.Tools.Downloads;
using FluxOnnx.Tools.Models;
using Xunit;
using static FluxOnnx.Tools.Tests.Downloads.HubFixtureData;

namespace FluxOnnx.Tools.Tests.Downloads;

public sealed class ModelDownloaderTests
{
    [Fact]
    public async Task Downloads_every_file_verifies_it_and_renames_it_into_place()
    {
        await using var h = await DownloadHarness.StartAsync();
        byte[] transformer = Bytes(200_000, seed: 1);
        byte[] ae = Bytes(30_000, seed: 2);
        h.Hub.Serve(Repository, "main", "tiny.safetensors", transformer);
        h.Hub.Serve(Repository, "main", "ae.safetensors", ae);
        var entry = Entry(null, Locked("tiny.safetensors", "transformer", transformer), Locked("ae.safetensors", "ae", ae));

        var results = await h.Downloader().DownloadAsync(entry, h.Folder.Path);

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(DownloadOutcome.Downloaded, r.Outcome));
        Assert.All(results, r => Assert.Equal(LockedFileStatus.Verified, r.Check.Status));
        Assert.Equal(transformer, File.ReadAllBytes(h.PathOf("tiny.safetensors")));
        Assert.Equal(ae, File.ReadAllBytes(h.PathOf("ae.safetensors")));
        Assert.Equal(h.PathOf("tiny.safetensors"), results[0].FilePath);
        Assert.Equal(h.PathOf("tiny.safetensors"), results[0].Check.FilePath);
        Assert.Equal(Sha256(transformer), results[0].Check.ActualSha256);
        Assert.Equal($"{h.Hub.BaseUri.AbsoluteUri.TrimEnd('/')}/{Repository}/resolve/main/tiny.safetensors", results[0].Url);
        Assert.Empty(Directory.GetFiles(h.Folder.Path, "*.partial"));
        // A null revision resolves the default branch; one plain GET per file, no Range.
        Assert.Equal(
            [new ReceivedRequest($"/{Repository}/resolve/main/tiny.safetensors", null, null, 200),
             new ReceivedRequest($"/{Repository}/resolve/main/ae.safetensors", null, null, 200)],
            h.Hub.Requests);
    }

    [Fact]
    public async Task Uses_the_locked_revision_and_creates_subfolders_of_the_repository_path()
    {
        await using var h = await DownloadHarness.StartAsync();
        byte[] content = Bytes(5_000, seed: 3);
        h.Hub.Serve(Repository, "0123abcd", "text_encoder/model.safetensors", content);

        var results = await h.Downloader().DownloadAsync(Entry("0123abcd", Locked("text_encoder/model.safetensors", "t5", content)), h.Folder.Path);

        Assert.Equal(content, File.ReadAllBytes(h.PathOf("text_encoder/model.safetensors")));
        Assert.Equal($"/{Repository}/resolve/0123abcd/text_encoder/model.safetensors", Assert.Single(h.Hub.Requests).Path);
        Assert.Equal(LockedFileStatus.Verified, Assert.Single(results).Check.Status);
    }

    [Fact]
    public async Task A_null_sha256_downloads_but_reports_the_file_unverified_with_its_actual_hash()
    {
        await using var h = await DownloadHarness.StartAsync();
        byte[] content = Bytes(12_345, seed: 4);
        h.Hub.Serve(Repository, "main", "tiny.safetensors", content);
        var entry = Entry(null, new LockedFile("tiny.safetensors", "transformer", null, null));

        var result = Assert.Single(await h.Downloader().DownloadAsync(entry, h.Folder.Path));

        Assert.Equal(DownloadOutcome.Downloaded, result.Outcome);
        Assert.Equal(LockedFileStatus.Unverified, result.Check.Status);
        Assert.Equal(Sha256(content), result.Check.ActualSha256);
        Assert.Equal(12_345, result.Check.ActualBytes);
        Assert.Equal(content, File.ReadAllBytes(h.PathOf("tiny.safetensors")));
    }

    [Fact]
    public async Task A_file_already_present_and_matching_the_lock_is_skipped_without_a_request()
    {
        await using var h = await DownloadHarness.StartAsync();
        byte[] content = Bytes(40_000, seed: 5);
        h.Hub.Serve(Repository, "main", "tiny.safetensors", content);
        File.WriteAllBytes(h.PathOf("tiny.safetensors"), content);
        var progress = new RecordingProgress();

        var result = Assert.Single(await h.Downloader().DownloadAsync(Entry(null, Locked("tiny.safetensors", "transformer", content)), h.Folder.Path, progress));

        Assert.Equal(DownloadOutcome.AlreadyPresent, result.Outcome);
        Assert.Equal(LockedFileStatus.Verified, result.Check.Status);
        Assert.Empty(h.Hub.Requests);
        Assert.Equal(new DownloadProgress("transformer", "tiny.safetensors", DownloadStage.Done, 40_000, 40_000), progress.Reports[^1]);
        Assert.Contains(progress.Reports, p => p.Stage == DownloadStage.CheckingExisting && p.BytesDone == 40_000);
    }

    [Fact]
    public async Task A_file_present_but_contradicting_the_lock_is_downloaded_again_and_replaced()
    {
        await using var h = await DownloadHarness.StartAsync();
        byte[] content = Bytes(40_000, seed: 6);
        h.Hub.Serve(Repository, "main", "tiny.safetensors", content);
        File.WriteAllBytes(h.PathOf("tiny.safetensors"), Bytes(40_000, seed: 7));

        var result = Assert.Single(await h.Downloader().DownloadAsync(Entry(null, Locked("tiny.safetensors", "transformer", content)), h.Folder.Path));

        Assert.Equal(DownloadOutcome.Downloaded, result.Outcome);
        Assert.Equal(content, File.ReadAllBytes(h.PathOf("tiny.safetensors")));
        Assert.Single(h.Hub.Requests);
    }

    [Fact]
    public async Task Progress_reports_bytes_done_of_total_then_verifying_then_done()
    {
        await using var h = await DownloadHarness.StartAsync();
        byte[] content = Bytes(50_000, seed: 8);
        h.Hub.Serve(Repository, "main", "tiny.safetensors", content);
        var progress = new RecordingProgress();

        await h.Downloader().DownloadAsync(Entry(null, Locked("tiny.safetensors", "transformer", content)), h.Folder.Path, progress);

        var downloading = progress.Reports.Where(p => p.Stage == DownloadStage.Downloading).ToList();
        Assert.Equal(0, downloading[0].BytesDone);
        Assert.Equal(50_000, downloading[^1].BytesDone);
        Assert.All(downloading, p => Assert.Equal(50_000, p.BytesTotal));
        Assert.Equal(downloading.Select(p => p.BytesDone).Order(), downloading.Select(p => p.BytesDone));
        Assert.True(downloading.Count > 2, $"expected intermediate reports at 4096-byte steps, got {downloading.Count}");
        Assert.Contains(progress.Reports, p => p.Stage == DownloadStage.Verifying && p.BytesDone == 50_000);
        Assert.Equal(new DownloadProgress("transformer", "tiny.safetensors", DownloadStage.Done, 50_000, 50_000), progress.Reports[^1]);
    }

    [Fact]
    public void ResolveUrl_joins_base_repository_revision_and_escaped_path_segments()
    {
        using var http = new HttpClient();
        var file = new LockedFile("sub dir/model #1.safetensors", "transformer", null, null);
        var mirror = new ModelDownloader(http, new DownloadOptions { BaseUri = new Uri("https://mirror.invalid/hf/") });
        var hub = new ModelDownloader(http);

        Assert.Equal("https://mirror.invalid/hf/test-org/Tiny-FLUX/resolve/main/sub%20dir/model%20%231.safetensors",
            mirror.ResolveUrl(Entry(null, file), file));
        Assert.Equal("https://huggingface.co/test-org/Tiny-FLUX/resolve/v1.0/sub%20dir/model%20%231.safetensors",
            hub.ResolveUrl(Entry("v1.0", file), file));
    }
}
