using System.Net;
using FluxOnnx.Tools.Downloads;
using FluxOnnx.Tools.Models;
using Xunit;
using static FluxOnnx.Tools.Tests.Downloads.HubFixtureData;

namespace FluxOnnx.Tools.Tests.Downloads;

public sealed class ModelDownloaderErrorTests
{
    private const string FilePath = "tiny.safetensors";

    [Fact]
    public async Task Not_found_names_the_repository_revision_and_path()
    {
        await using var h = await DownloadHarness.StartAsync();
        var entry = Entry("deadbeef", new LockedFile("missing.safetensors", "transformer", null, null));

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => h.Downloader().DownloadAsync(entry, h.Folder.Path));

        Assert.Equal(ModelDownloadError.NotFound, error.Reason);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(Repository, error.Repository);
        Assert.Equal("deadbeef", error.Revision);
        Assert.Equal("missing.safetensors", error.RepositoryPath);
        Assert.Equal($"{h.Hub.BaseUri.AbsoluteUri.TrimEnd('/')}/{Repository}/resolve/deadbeef/missing.safetensors", error.Url);
        Assert.Contains($"repository '{Repository}', revision 'deadbeef', path 'missing.safetensors'", error.Message);
        Assert.Single(h.Hub.Requests);
        Assert.Empty(Directory.GetFileSystemEntries(h.Folder.Path));
    }

    [Fact]
    public async Task Unauthorized_without_a_token_says_a_token_is_needed_and_how_to_pass_it()
    {
        await using var h = await DownloadHarness.StartAsync();
        h.Hub.RequiredToken = "hf_test_token";
        byte[] content = Bytes(1_000, seed: 21);
        h.Hub.Serve(Repository, "main", FilePath, content);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(
            () => h.Downloader().DownloadAsync(Entry(null, Locked(FilePath, "transformer", content)), h.Folder.Path));

        Assert.Equal(ModelDownloadError.AuthenticationRequired, error.Reason);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("access token is needed", error.Message);
        Assert.Contains("DownloadOptions.Token", error.Message);
        Assert.Contains($"{h.Hub.BaseUri.AbsoluteUri.TrimEnd('/')}/{Repository}", error.Message);
        // Not retried: a token will not appear by asking again.
        Assert.Single(h.Hub.Requests);
    }

    [Fact]
    public async Task A_wrong_token_is_access_denied_and_the_right_one_is_sent_as_a_bearer_token()
    {
        await using var h = await DownloadHarness.StartAsync();
        h.Hub.RequiredToken = "hf_test_token";
        byte[] content = Bytes(1_000, seed: 22);
        h.Hub.Serve(Repository, "main", FilePath, content);
        var entry = Entry(null, Locked(FilePath, "transformer", content));

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => h.Downloader(token: "hf_wrong").DownloadAsync(entry, h.Folder.Path));
        var result = Assert.Single(await h.Downloader(token: "hf_test_token").DownloadAsync(entry, h.Folder.Path));

        Assert.Equal(ModelDownloadError.AccessDenied, error.Reason);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Contains("Accept the model's license", error.Message);
        Assert.Equal(["Bearer hf_wrong", "Bearer hf_test_token"], h.Hub.Requests.Select(r => r.Authorization));
        Assert.Equal(LockedFileStatus.Verified, result.Check.Status);
    }

    [Fact]
    public async Task Corrupted_bytes_throw_a_sha256_mismatch_and_leave_neither_partial_nor_final_file()
    {
        await using var h = await DownloadHarness.StartAsync();
        byte[] content = Bytes(80_000, seed: 23);
        h.Hub.Serve(Repository, "main", FilePath, content).Corrupt = true;
        byte[] corrupted = (byte[])content.Clone();
        corrupted[40_000] ^= 0xFF;

        var error = await Assert.ThrowsAsync<ModelFileMismatchException>(
            () => h.Downloader().DownloadAsync(Entry(null, Locked(FilePath, "transformer", content)), h.Folder.Path));

        Assert.Equal(MismatchedProperty.Sha256, error.Property);
        Assert.Equal(Sha256(content), error.Expected);
        Assert.Equal(Sha256(corrupted), error.Actual);
        Assert.Equal(h.PathOf(FilePath), error.FilePath);
        Assert.Equal("transformer", error.Role);
        Assert.EndsWith($"/{Repository}/resolve/main/{FilePath}", error.Url);
        Assert.Empty(Directory.GetFileSystemEntries(h.Folder.Path));
    }

    [Fact]
    public async Task A_size_the_server_announces_that_contradicts_the_lock_fails_before_the_body()
    {
        await using var h = await DownloadHarness.StartAsync();
        byte[] content = Bytes(80_000, seed: 24);
        h.Hub.Serve(Repository, "main", FilePath, content);
        var entry = Entry(null, new LockedFile(FilePath, "transformer", 79_999, Sha256(content)));

        var error = await Assert.ThrowsAsync<ModelFileMismatchException>(() => h.Downloader().DownloadAsync(entry, h.Folder.Path));

        Assert.Equal(MismatchedProperty.Size, error.Property);
        Assert.Equal("79999", error.Expected);
        Assert.Equal("80000", error.Actual);
        Assert.Empty(Directory.GetFileSystemEntries(h.Folder.Path));
    }

    [Fact]
    public async Task A_server_error_is_retried_a_bounded_number_of_times_then_typed_with_its_status()
    {
        await using var h = await DownloadHarness.StartAsync();
        byte[] content = Bytes(1_000, seed: 25);
        h.Hub.Serve(Repository, "main", FilePath, content).Status = 503;

        var error = await Assert.ThrowsAsync<ModelDownloadException>(
            () => h.Downloader(retries: 2).DownloadAsync(Entry(null, Locked(FilePath, "transformer", content)), h.Folder.Path));

        Assert.Equal(ModelDownloadError.HttpStatus, error.Reason);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(3, h.Hub.Requests.Count);
    }

    [Fact]
    public async Task An_entry_without_a_file_list_cannot_be_downloaded()
    {
        await using var h = await DownloadHarness.StartAsync();
        var entry = new ModelLockEntry("t5-v1_1-xxl", "t5", null, "google/t5-v1_1-xxl", null, null, null, null, null);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => h.Downloader().DownloadAsync(entry, h.Folder.Path));

        Assert.Equal(ModelDownloadError.NoFileList, error.Reason);
        Assert.Equal("google/t5-v1_1-xxl", error.Repository);
        Assert.Equal("main", error.Revision);
        Assert.Empty(h.Hub.Requests);
    }
}
