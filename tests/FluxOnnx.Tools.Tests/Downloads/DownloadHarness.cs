using FluxOnnx.TestSupport;
using FluxOnnx.Tools.Downloads;

namespace FluxOnnx.Tools.Tests.Downloads;

/// <summary>A started <see cref="FakeHubServer"/>, an HttpClient, and a fresh destination folder; disposing stops and deletes all.</summary>
internal sealed class DownloadHarness : IAsyncDisposable
{
    private DownloadHarness(FakeHubServer hub)
    {
        Hub = hub;
        // Bounded: no request can outlive the test by more than this, whatever the server does.
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
    }

    public FakeHubServer Hub { get; }

    public HttpClient Http { get; }

    public TempDirectory Folder { get; } = new();

    public static async Task<DownloadHarness> StartAsync() => new(await FakeHubServer.StartAsync());

    /// <summary>A downloader against the loopback hub: small buffers and progress steps, two retries, no delay.</summary>
    public ModelDownloader Downloader(string? token = null, int retries = 2) => new(Http, new DownloadOptions
    {
        BaseUri = Hub.BaseUri,
        Token = token,
        Retries = retries,
        RetryDelay = TimeSpan.Zero,
        BufferSize = 4096,
        ProgressStepBytes = 4096,
    });

    public string PathOf(string repositoryPath) => System.IO.Path.Combine(Folder.Path, repositoryPath.Replace('/', System.IO.Path.DirectorySeparatorChar));

    public string PartialOf(string repositoryPath) => PathOf(repositoryPath) + ".partial";

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Hub.DisposeAsync();
        Folder.Dispose();
    }
}
