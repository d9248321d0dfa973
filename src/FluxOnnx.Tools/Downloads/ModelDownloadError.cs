namespace FluxOnnx.Tools.Downloads;

/// <summary>Why a download failed. Carried by <see cref="ModelDownloadException.Reason"/>.</summary>
public enum ModelDownloadError
{
    /// <summary>The lock entry has no file list, so there is nothing to resolve.</summary>
    NoFileList,

    /// <summary>HTTP 401: the repository is gated or private and no token (or an invalid one) was sent.</summary>
    AuthenticationRequired,

    /// <summary>HTTP 403: the token was accepted but has no access (typically the model's license was not accepted).</summary>
    AccessDenied,

    /// <summary>HTTP 404: the repository, revision or path does not exist.</summary>
    NotFound,

    /// <summary>Another HTTP status (retryable ones only after the retries ran out).</summary>
    HttpStatus,

    /// <summary>The connection failed or the body ended early on every attempt.</summary>
    TransferFailed,

    /// <summary>The server answered a range request with an inconsistent <c>Content-Range</c>.</summary>
    InvalidResponse,
}
