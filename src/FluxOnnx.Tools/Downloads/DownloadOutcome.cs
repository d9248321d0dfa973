namespace FluxOnnx.Tools.Downloads;

/// <summary>Whether a file was fetched or was already in place.</summary>
public enum DownloadOutcome
{
    /// <summary>Fetched (or completed from a partial file) and renamed into place.</summary>
    Downloaded,

    /// <summary>The destination already held the file and it matched the lock (or the lock could not say otherwise); no request was made.</summary>
    AlreadyPresent,
}
