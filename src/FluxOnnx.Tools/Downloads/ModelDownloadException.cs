using System.Net;

namespace FluxOnnx.Tools.Downloads;

/// <summary>
/// A model file could not be downloaded. <see cref="Reason"/> says why; <see cref="Url"/>, <see cref="Repository"/>,
/// <see cref="Revision"/>, <see cref="RepositoryPath"/> and <see cref="StatusCode"/> say where; the message repeats them
/// and, for gated repositories, says how to pass a token.
/// </summary>
public sealed class ModelDownloadException : FluxOnnxException
{
    public ModelDownloadException(
        ModelDownloadError reason,
        string message,
        string repository,
        string revision,
        string? repositoryPath = null,
        string? url = null,
        HttpStatusCode? statusCode = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        Repository = repository;
        Revision = revision;
        RepositoryPath = repositoryPath;
        Url = url;
        StatusCode = statusCode;
    }

    /// <summary>What went wrong.</summary>
    public ModelDownloadError Reason { get; }

    /// <summary>The repository id, <c>owner/name</c>.</summary>
    public string Repository { get; }

    /// <summary>The revision requested (<c>main</c> when the lock leaves it null).</summary>
    public string Revision { get; }

    /// <summary>The file's path in the repository, when the error is about one file.</summary>
    public string? RepositoryPath { get; }

    /// <summary>The URL requested.</summary>
    public string? Url { get; }

    /// <summary>The HTTP status received, when the error is an HTTP answer.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The typed error for a non-success HTTP answer, with what to do about it in the message.</summary>
    internal static ModelDownloadException ForStatus(HttpStatusCode status, FileRequest request, bool tokenSent)
    {
        string where = $"{request.Url} (repository '{request.Repository}', revision '{request.Revision}', path '{request.RepositoryPath}')";
        string page = request.RepositoryPageUrl;
        var (reason, message) = status switch
        {
            HttpStatusCode.Unauthorized => (ModelDownloadError.AuthenticationRequired, tokenSent
                ? $"HTTP 401 for {where}: the access token was rejected. Create a valid token at https://huggingface.co/settings/tokens and pass it as DownloadOptions.Token (flux pull forwards its token option)."
                : $"HTTP 401 for {where}: the repository is gated or private, so a Hugging Face access token is needed (the hub also answers 401 for a repository id that does not exist: check the name). Accept the model's license at {page}, create a token at https://huggingface.co/settings/tokens and pass it as DownloadOptions.Token (flux pull forwards its token option)."),
            HttpStatusCode.Forbidden => (ModelDownloadError.AccessDenied, tokenSent
                ? $"HTTP 403 for {where}: the token has no access to this gated repository. Accept the model's license at {page} with the account that owns the token (fine-grained tokens also need read access to gated repositories)."
                : $"HTTP 403 for {where}: the repository is gated, so a Hugging Face access token is needed. Accept the model's license at {page}, create a token at https://huggingface.co/settings/tokens and pass it as DownloadOptions.Token (flux pull forwards its token option)."),
            HttpStatusCode.NotFound => (ModelDownloadError.NotFound,
                $"HTTP 404 for {where}: the repository, the revision or the file does not exist."),
            _ => (ModelDownloadError.HttpStatus, $"HTTP {(int)status} ({status}) for {where}."),
        };
        return new ModelDownloadException(reason, message, request.Repository, request.Revision, request.RepositoryPath, request.Url, status);
    }
}
