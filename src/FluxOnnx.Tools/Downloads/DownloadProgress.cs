namespace FluxOnnx.Tools.Downloads;

/// <summary>Progress of one file of a <see cref="ModelDownloader.DownloadAsync"/> call.</summary>
/// <param name="Role">The file's role in the lock entry.</param>
/// <param name="RepositoryPath">The file's path in the repository.</param>
/// <param name="Stage">What is being done.</param>
/// <param name="BytesDone">Bytes received (including those resumed from the partial file) or hashed so far.</param>
/// <param name="BytesTotal">The file's size, when the lock or the server states it.</param>
public readonly record struct DownloadProgress(string Role, string RepositoryPath, DownloadStage Stage, long BytesDone, long? BytesTotal);
