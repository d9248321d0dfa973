namespace FluxOnnx.Tools.Downloads;

/// <summary>How <see cref="ModelDownloader"/> reaches the model hub.</summary>
public sealed record DownloadOptions
{
    /// <summary>The public Hugging Face hub.</summary>
    public static readonly Uri HuggingFace = new("https://huggingface.co");

    /// <summary>The hub root; files resolve as <c>{BaseUri}/{repository}/resolve/{revision}/{path}</c>. May carry a path (a mirror).</summary>
    public Uri BaseUri { get; init; } = HuggingFace;

    /// <summary>
    /// A Hugging Face access token, sent as <c>Authorization: Bearer</c>; needed for gated repositories such as FLUX.1-dev.
    /// The caller reads it from wherever it keeps it: this library never reads the environment.
    /// </summary>
    public string? Token { get; init; }

    /// <summary>Further attempts per file after a dropped connection or a 408, 429 or 5xx; each resumes from the partial file.</summary>
    public int Retries { get; init; } = 5;

    /// <summary>Wait between attempts.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Bytes per read from the response and per write to disk.</summary>
    public int BufferSize { get; init; } = 1 << 20;

    /// <summary>Minimum bytes between two <see cref="DownloadStage.Downloading"/> reports (the last one is always sent).</summary>
    public long ProgressStepBytes { get; init; } = 8 << 20;
}
