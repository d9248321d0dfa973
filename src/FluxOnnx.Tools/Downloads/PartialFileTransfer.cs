using System.Net;
using System.Net.Http.Headers;
using FluxOnnx.Tools.Models;

namespace FluxOnnx.Tools.Downloads;

/// <summary>
/// Brings one <c>.partial</c> file to the server's full length: each attempt asks for <c>Range: bytes={partial length}-</c>
/// and appends a 206, restarts from byte 0 on a 200 (a server ignoring the range), and takes a 416 whose
/// <c>Content-Range: bytes */{total}</c> equals the partial length as "already complete". Dropped connections, short
/// bodies and 408/429/5xx answers are retried up to <see cref="DownloadOptions.Retries"/> times, each resuming; any other
/// status fails at once. Cancellation propagates and leaves the partial file for a later resume.
/// </summary>
internal sealed class PartialFileTransfer(HttpClient http, DownloadOptions options, FileRequest request, IProgress<DownloadProgress>? progress)
{
    /// <summary>The partial file's length once the server has sent every byte; the caller verifies the content.</summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ModelDownloadException failure;
            try
            {
                var outcome = await TryOnceAsync(cancellationToken).ConfigureAwait(false);
                if (outcome.Failure is null)
                {
                    return outcome.Length;
                }
                failure = outcome.Failure;
            }
            catch (Exception e) when ((e is HttpRequestException or IOException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
            {
                // TaskCanceledException without our token cancelled is HttpClient.Timeout.
                failure = Failed(ModelDownloadError.TransferFailed, $"the transfer failed: {e.Message}", null, e);
            }
            if (attempt >= options.Retries)
            {
                throw failure;
            }
            if (options.RetryDelay > TimeSpan.Zero)
            {
                await Task.Delay(options.RetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private readonly record struct Attempt(long Length, ModelDownloadException? Failure);

    private async Task<Attempt> TryOnceAsync(CancellationToken cancellationToken)
    {
        long have = File.Exists(request.PartialPath) ? new FileInfo(request.PartialPath).Length : 0;
        if (request.File.Bytes is { } locked && have > locked)
        {
            File.Delete(request.PartialPath);
            have = 0;
        }
        using var message = new HttpRequestMessage(HttpMethod.Get, request.Url);
        if (have > 0)
        {
            message.Headers.Range = new RangeHeaderValue(have, null);
        }
        if (options.Token is { } token)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var status = response.StatusCode;
        var range = response.Content.Headers.ContentRange;
        long start;
        long? total;
        switch (status)
        {
            case HttpStatusCode.PartialContent when have > 0:
                if (range is not { HasRange: true } || range.From != have)
                {
                    File.Delete(request.PartialPath);
                    return new(0, Failed(ModelDownloadError.InvalidResponse,
                        $"asked for bytes {have}- but the server sent Content-Range '{range}'; restarting from byte 0", status));
                }
                start = have;
                total = range.Length;
                break;
            case HttpStatusCode.OK:
                start = 0;
                total = response.Content.Headers.ContentLength;
                break;
            case HttpStatusCode.RequestedRangeNotSatisfiable when have > 0:
                if (range?.Length is not { } length || length == have)
                {
                    return new(have, null);
                }
                File.Delete(request.PartialPath);
                return new(0, Failed(ModelDownloadError.InvalidResponse,
                    $"the partial file has {have} bytes but the server's file has {length}; restarting from byte 0", status));
            case HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError:
                return new(have, ModelDownloadException.ForStatus(status, request, options.Token is not null));
            default:
                throw ModelDownloadException.ForStatus(status, request, options.Token is not null);
        }
        if (request.File.Bytes is { } expected && total is { } announced && announced != expected)
        {
            File.Delete(request.PartialPath);
            throw new ModelFileMismatchException(request.FinalPath, request.Role, MismatchedProperty.Size,
                expected.ToString(System.Globalization.CultureInfo.InvariantCulture),
                announced.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Url);
        }
        total ??= request.File.Bytes;
        long done = await CopyAsync(response, start, total, cancellationToken).ConfigureAwait(false);
        if (total is { } full && done != full)
        {
            if (done > full)
            {
                File.Delete(request.PartialPath);
            }
            return new(done, Failed(ModelDownloadError.TransferFailed, $"the body ended at byte {done} of {full}", null));
        }
        return new(done, null);
    }

    /// <summary>Appends the body to the partial file from <paramref name="start"/> (0 truncates it); returns its new length.</summary>
    private async Task<long> CopyAsync(HttpResponseMessage response, long start, long? total, CancellationToken cancellationToken)
    {
        var mode = start == 0 ? FileMode.Create : FileMode.Append;
        await using var file = new FileStream(request.PartialPath, mode, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[options.BufferSize];
        long done = start;
        long reported = start;
        Report(done, total);
        int n;
        while ((n = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            // Buffered reads may complete without looking at the token; stop before writing past a cancellation.
            cancellationToken.ThrowIfCancellationRequested();
            await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
            done += n;
            if (done - reported >= options.ProgressStepBytes)
            {
                // Flush before reporting, so bytes a report counts survive a cancellation it triggers.
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                Report(done, total);
                reported = done;
            }
        }
        if (done != reported)
        {
            Report(done, total);
        }
        return done;
    }

    private void Report(long done, long? total) =>
        progress?.Report(new DownloadProgress(request.Role, request.RepositoryPath, DownloadStage.Downloading, done, total));

    private ModelDownloadException Failed(ModelDownloadError reason, string what, HttpStatusCode? status, Exception? inner = null) =>
        new(reason, $"Downloading {request.Url} (repository '{request.Repository}', revision '{request.Revision}', path '{request.RepositoryPath}'): {what}.",
            request.Repository, request.Revision, request.RepositoryPath, request.Url, status, inner);
}
