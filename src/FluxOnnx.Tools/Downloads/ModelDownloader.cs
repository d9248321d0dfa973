using FluxOnnx.Tools.Models;

namespace FluxOnnx.Tools.Downloads;

/// <summary>
/// Fetches the files of a <see cref="ModelLockEntry"/> from a Hugging Face–style hub into a folder:
/// <c>{BaseUri}/{repository}/resolve/{revision ?? "main"}/{path}</c> → <c>{folder}/{path}</c>.
/// </summary>
/// <remarks>
/// Per file, in lock order: a file already in place that does not contradict the lock is kept without a request.
/// Otherwise bytes go to <c>{path}.partial</c>, resumed with a range request from its length (see
/// <see cref="PartialFileTransfer"/>); the complete partial file is checked against the lock's size and sha256 — on a
/// mismatch both the partial and any final file are deleted and <see cref="ModelFileMismatchException"/> is thrown — and
/// only then renamed into place. Cancelling leaves the partial file for the next call to resume. A null sha256 in the
/// lock is not a pass: the result says <see cref="LockedFileStatus.Unverified"/>.
/// The caller owns <see cref="HttpClient"/> (its handler, timeout and lifetime); this class never disposes it.
/// </remarks>
public sealed class ModelDownloader
{
    private readonly HttpClient _http;
    private readonly DownloadOptions _options;

    public ModelDownloader(HttpClient http, DownloadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _options = options ?? new DownloadOptions();
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (_options.Retries < 0)
        {
            throw new InvalidDownloadRequestException(nameof(DownloadOptions.Retries), "0 or more", _options.Retries.ToString(invariant));
        }
        if (_options.BufferSize <= 0)
        {
            throw new InvalidDownloadRequestException(nameof(DownloadOptions.BufferSize), "a positive byte count", _options.BufferSize.ToString(invariant));
        }
        if (_options.ProgressStepBytes <= 0)
        {
            throw new InvalidDownloadRequestException(nameof(DownloadOptions.ProgressStepBytes), "a positive byte count",
                _options.ProgressStepBytes.ToString(invariant));
        }
        if (!_options.BaseUri.IsAbsoluteUri)
        {
            throw new InvalidDownloadRequestException(nameof(DownloadOptions.BaseUri), "an absolute URL", $"'{_options.BaseUri}'");
        }
    }

    /// <summary>The URL a locked file of <paramref name="entry"/> resolves from.</summary>
    public string ResolveUrl(ModelLockEntry entry, LockedFile file) => FileRequest.Create(_options.BaseUri, entry, file, ".").Url;

    /// <summary>Downloads (or keeps) every file of the entry into <paramref name="destinationFolder"/>, one after another.</summary>
    /// <returns>One result per locked file, in lock order.</returns>
    /// <exception cref="ModelDownloadException">No file list, an HTTP error, or a transfer that kept failing.</exception>
    /// <exception cref="ModelFileMismatchException">The downloaded bytes contradict the lock's size or sha256.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; partial files are kept.</exception>
    public async Task<IReadOnlyList<DownloadedFile>> DownloadAsync(
        ModelLockEntry entry,
        string destinationFolder,
        IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(destinationFolder);
        if (entry.Files is null)
        {
            throw new ModelDownloadException(ModelDownloadError.NoFileList,
                $"The model lock entry '{entry.Name}' ({entry.Repository}) has no confirmed file list, so there is nothing to download; "
                + "fetch its files by hand and convert the folder.",
                entry.Repository, entry.EffectiveRevision);
        }
        var results = new List<DownloadedFile>(entry.Files.Count);
        foreach (var file in entry.Files)
        {
            var request = FileRequest.Create(_options.BaseUri, entry, file, destinationFolder);
            results.Add(await DownloadFileAsync(request, progress, cancellationToken).ConfigureAwait(false));
        }
        return results;
    }

    private async Task<DownloadedFile> DownloadFileAsync(FileRequest request, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        if (File.Exists(request.FinalPath))
        {
            var existing = Check(request, request.FinalPath, DownloadStage.CheckingExisting, progress, cancellationToken);
            if (existing.Status != LockedFileStatus.Mismatch)
            {
                ReportDone(request, existing.ActualBytes, progress);
                return new DownloadedFile(request.FinalPath, request.Url, DownloadOutcome.AlreadyPresent, existing);
            }
            // The file in place contradicts the lock: fetch it again; it is replaced once the new bytes verify.
        }
        Directory.CreateDirectory(Path.GetDirectoryName(request.FinalPath)!);
        await new PartialFileTransfer(_http, _options, request, progress).RunAsync(cancellationToken).ConfigureAwait(false);

        var check = Check(request, request.PartialPath, DownloadStage.Verifying, progress, cancellationToken);
        if (check.Status == LockedFileStatus.Mismatch)
        {
            File.Delete(request.PartialPath);
            File.Delete(request.FinalPath);
            throw new ModelFileMismatchException(request.FinalPath, request.Role, check.Mismatch!.Value, check.Expected!, check.Actual!, request.Url);
        }
        File.Move(request.PartialPath, request.FinalPath, overwrite: true);
        ReportDone(request, check.ActualBytes, progress);
        return new DownloadedFile(request.FinalPath, request.Url, DownloadOutcome.Downloaded, check with { FilePath = request.FinalPath });
    }

    private static LockedFileCheck Check(
        FileRequest request, string path, DownloadStage stage, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var hashing = progress is null ? null : new HashingProgress(progress, request, stage);
        return ModelLockChecker.CheckFile(request.Role, request.File, path, hashing, cancellationToken);
    }

    private static void ReportDone(FileRequest request, long bytes, IProgress<DownloadProgress>? progress) =>
        progress?.Report(new DownloadProgress(request.Role, request.RepositoryPath, DownloadStage.Done, bytes, bytes));

    /// <summary>Forwards hashing progress synchronously as <see cref="DownloadProgress"/> of the given stage.</summary>
    private sealed class HashingProgress(IProgress<DownloadProgress> target, FileRequest request, DownloadStage stage) : IProgress<LockCheckProgress>
    {
        public void Report(LockCheckProgress value) =>
            target.Report(new DownloadProgress(request.Role, request.RepositoryPath, stage, value.BytesDone, value.BytesTotal));
    }
}
