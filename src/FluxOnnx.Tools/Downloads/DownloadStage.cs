namespace FluxOnnx.Tools.Downloads;

/// <summary>What <see cref="ModelDownloader"/> is doing with one file.</summary>
public enum DownloadStage
{
    /// <summary>Hashing a file already in the destination, to decide whether to skip it.</summary>
    CheckingExisting,

    /// <summary>Receiving bytes into the <c>.partial</c> file.</summary>
    Downloading,

    /// <summary>Hashing the complete <c>.partial</c> file against the lock.</summary>
    Verifying,

    /// <summary>The file is in place: downloaded, or skipped because the existing one matched the lock.</summary>
    Done,
}
